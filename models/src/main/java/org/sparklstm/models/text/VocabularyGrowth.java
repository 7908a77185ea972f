package org.sparklstm.models.text;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A vocabulary grown by the tokens of new data: every old token keeps its id (so a warm-started network's
 * embedding rows and output columns still mean the same tokens), and the new tokens seen at least
 * {@code minCount} times are appended, the most frequent first (ties by token), up to {@code maxSize} ids.
 */
public final class VocabularyGrowth {

    private VocabularyGrowth() {
    }

    public static Vocabulary grow(Vocabulary old, Map<String, Long> newCounts, int maxSize, int minCount) {
        List<Map.Entry<String, Long>> added = new ArrayList<>();
        for (Map.Entry<String, Long> e : newCounts.entrySet()) {
            if (e.getValue() >= minCount && old.id(e.getKey()) == Vocabulary.UNK_ID
                    && !Vocabulary.UNK.equals(e.getKey()) && !Vocabulary.EOS.equals(e.getKey())) {
                added.add(e);
            }
        }
        if (added.isEmpty() || old.size() >= maxSize) {
            return old;
        }
        added.sort(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey()));
        List<String> tokens = new ArrayList<>(old.tokens());
        for (Map.Entry<String, Long> e : added) {
            if (tokens.size() >= maxSize) {
                break;
            }
            tokens.add(e.getKey());
        }
        return new Vocabulary(tokens);
    }
}

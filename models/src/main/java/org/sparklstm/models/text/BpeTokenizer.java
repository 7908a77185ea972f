package org.sparklstm.models.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntConsumer;

/**
 * Subword tokens: the words of a {@link WordTokenizer} (its pattern and lowercasing), each split by the
 * learned {@link BpeMerges}; a word's last subword ends in {@link BpeMerges#END_OF_WORD}. As with {@code word},
 * the line's end is the spec's {@link LineEnd}. Symbols the vocabulary lacks become {@code <unk>}.
 */
public final class BpeTokenizer implements Tokenizer {

    /** Words are few and repeat: a word's subwords are computed once (bounded, shared by a broadcast's tasks). */
    private static final int CACHE_LIMIT = 200_000;

    private final WordTokenizer words;
    private final BpeMerges merges;
    private transient Map<String, List<String>> cache;

    public BpeTokenizer(WordTokenizer words, BpeMerges merges) {
        this.words = words;
        this.merges = merges;
    }

    @Override
    public List<String> tokenize(String line) {
        List<String> tokens = new ArrayList<>();
        words.forEachToken(line, w -> tokens.addAll(segment(w)));
        return tokens;
    }

    @Override
    public void encode(String line, Vocabulary vocabulary, IntConsumer ids) {
        words.forEachToken(line, w -> {
            for (String subword : segment(w)) {
                ids.accept(vocabulary.id(subword));
            }
        });
    }

    /** Concatenates subwords; a word's end becomes a space. */
    @Override
    public String join(List<String> tokens) {
        StringBuilder text = new StringBuilder();
        for (String token : tokens) {
            if (token.endsWith(BpeMerges.END_OF_WORD)) {
                text.append(token, 0, token.length() - BpeMerges.END_OF_WORD.length()).append(' ');
            } else {
                text.append(token);
            }
        }
        int end = text.length();
        while (end > 0 && text.charAt(end - 1) == ' ') {
            end--;
        }
        return text.substring(0, end);
    }

    private List<String> segment(String word) {
        Map<String, List<String>> c = cache;
        if (c == null) {
            synchronized (this) {
                if (cache == null) {
                    cache = new ConcurrentHashMap<>();
                }
                c = cache;
            }
        }
        List<String> subwords = c.get(word);
        if (subwords == null) {
            subwords = List.copyOf(merges.segment(word));
            if (c.size() >= CACHE_LIMIT) {
                c.clear();
            }
            c.put(word, subwords);
        }
        return subwords;
    }
}

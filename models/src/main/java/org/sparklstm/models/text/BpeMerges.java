package org.sparklstm.models.text;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The learned byte-pair merges in the order they were learned (rank 0 first), and how a word is split
 * by them. A word starts as its code points, the last one carrying {@link #END_OF_WORD} so that joined
 * subwords know where words end; then, as in training, the adjacent pair of lowest rank is merged
 * everywhere in the word, again and again until no adjacent pair has a rank.
 */
public final class BpeMerges implements Serializable {

    /** Appended to a word's last symbol. */
    public static final String END_OF_WORD = "</w>";

    public record Merge(String left, String right) implements Serializable {
        public String merged() {
            return left + right;
        }
    }

    private final List<Merge> merges;
    private final Map<Merge, Integer> ranks;

    public BpeMerges(List<Merge> merges) {
        this.merges = List.copyOf(merges);
        this.ranks = new HashMap<>(merges.size() * 2);
        for (int i = 0; i < this.merges.size(); i++) {
            ranks.putIfAbsent(this.merges.get(i), i);
        }
    }

    public static BpeMerges none() {
        return new BpeMerges(List.of());
    }

    public List<Merge> merges() {
        return merges;
    }

    public int size() {
        return merges.size();
    }

    /** The word's symbols before any merge: code points, the last marked as ending the word. */
    public static List<String> symbols(String word) {
        List<String> symbols = new ArrayList<>(word.length());
        word.codePoints().forEach(cp -> symbols.add(new String(Character.toChars(cp))));
        if (!symbols.isEmpty()) {
            int last = symbols.size() - 1;
            symbols.set(last, symbols.get(last) + END_OF_WORD);
        }
        return symbols;
    }

    /** The subwords of one word. */
    public List<String> segment(String word) {
        List<String> symbols = symbols(word);
        while (symbols.size() > 1) {
            int best = Integer.MAX_VALUE;
            Merge bestPair = null;
            for (int i = 0; i + 1 < symbols.size(); i++) {
                Merge pair = new Merge(symbols.get(i), symbols.get(i + 1));
                Integer rank = ranks.get(pair);
                if (rank != null && rank < best) {
                    best = rank;
                    bestPair = pair;
                }
            }
            if (bestPair == null) {
                break;
            }
            symbols = mergeAll(symbols, bestPair);
        }
        return symbols;
    }

    /** Merges every non-overlapping occurrence of the pair, left to right (as training does). */
    static List<String> mergeAll(List<String> symbols, Merge pair) {
        List<String> out = new ArrayList<>(symbols.size());
        for (int i = 0; i < symbols.size(); i++) {
            if (i + 1 < symbols.size() && symbols.get(i).equals(pair.left()) && symbols.get(i + 1).equals(pair.right())) {
                out.add(pair.merged());
                i++;
            } else {
                out.add(symbols.get(i));
            }
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BpeMerges other && merges.equals(other.merges);
    }

    @Override
    public int hashCode() {
        return merges.hashCode();
    }

    @Override
    public String toString() {
        return merges.toString();
    }
}

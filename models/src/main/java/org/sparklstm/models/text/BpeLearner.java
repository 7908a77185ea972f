package org.sparklstm.models.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Learns byte-pair merges from a table of distinct words and their counts: starting from the words'
 * code points (see {@link BpeMerges#symbols}), merges the most frequent adjacent pair, again and again,
 * until the vocabulary ({@code <unk>}, {@code <eos>}, any whole tokens, the base symbols and the merged
 * symbols) reaches the target size or no pair occurs twice. Ties go to the pair whose left, then right,
 * symbol comes first in text order, so the same counts give the same merges whatever order they arrive in.
 *
 * <p>Pair counts are kept up to date incrementally: a merge only revisits the words that hold the pair,
 * and a heap with lazily dropped stale entries finds the next best pair.
 */
public final class BpeLearner {

    public record Learned(Vocabulary vocabulary, BpeMerges merges) {
    }

    private record Candidate(long pair, long count) {
    }

    private final List<String> names = new ArrayList<>();
    private final Map<String, Integer> ids = new HashMap<>();
    private int[][] words;
    private long[] counts;
    private final Map<Long, long[]> pairCounts = new HashMap<>();
    private final Map<Long, Set<Integer>> pairWords = new HashMap<>();
    private final PriorityQueue<Candidate> heap = new PriorityQueue<>(
            Comparator.comparingLong((Candidate c) -> -c.count())
                    .thenComparing((Candidate c) -> names.get(left(c.pair())))
                    .thenComparing((Candidate c) -> names.get(right(c.pair()))));

    private BpeLearner() {
    }

    /** @param targetSize ids wanted, {@code <unk>} and {@code <eos>} included (at least 3) */
    public static Learned learn(Map<String, Long> wordCounts, int targetSize) {
        return learn(wordCounts, targetSize, List.of());
    }

    /**
     * @param wholeTokens tokens that are no word's subwords (a line end's newline): ids right after
     *                    {@code <unk>} and {@code <eos>}, within {@code targetSize}
     */
    public static Learned learn(Map<String, Long> wordCounts, int targetSize, List<String> wholeTokens) {
        if (targetSize < 3) {
            throw new IllegalArgumentException("target vocabulary size " + targetSize + " must be at least 3");
        }
        return new BpeLearner().run(wordCounts, targetSize, wholeTokens);
    }

    private Learned run(Map<String, Long> wordCounts, int targetSize, List<String> wholeTokens) {
        // sorted, so symbol ids (and everything else) do not depend on the map's order
        String[] sorted = wordCounts.keySet().stream().filter(w -> !w.isEmpty()).sorted().toArray(String[]::new);
        words = new int[sorted.length][];
        counts = new long[sorted.length];
        Map<Integer, Long> symbolCounts = new HashMap<>();
        for (int w = 0; w < sorted.length; w++) {
            counts[w] = wordCounts.get(sorted[w]);
            words[w] = BpeMerges.symbols(sorted[w]).stream().mapToInt(this::intern).toArray();
            for (int s : words[w]) {
                symbolCounts.merge(s, counts[w], Long::sum);
            }
        }
        List<Integer> base = new ArrayList<>(symbolCounts.keySet());
        base.sort(Comparator.comparingLong((Integer s) -> -symbolCounts.get(s)).thenComparing(names::get));
        LinkedHashSet<String> tokens = new LinkedHashSet<>(List.of(Vocabulary.UNK, Vocabulary.EOS));
        tokens.addAll(wholeTokens);
        for (int i = 0; i < base.size() && tokens.size() < targetSize; i++) {
            tokens.add(names.get(base.get(i)));
        }
        List<BpeMerges.Merge> merges = new ArrayList<>();
        if (tokens.size() < targetSize) {
            countAllPairs();
            while (tokens.size() < targetSize) {
                Candidate best = nextBest();
                if (best == null || best.count() < 2) {
                    break;
                }
                String merged = merge(best.pair());
                merges.add(new BpeMerges.Merge(names.get(left(best.pair())), names.get(right(best.pair()))));
                // two merges can spell the same symbol ("a"+"bc", "ab"+"c"): it is one token
                tokens.add(merged);
            }
        }
        return new Learned(new Vocabulary(new ArrayList<>(tokens)), new BpeMerges(merges));
    }

    private int intern(String symbol) {
        Integer id = ids.get(symbol);
        if (id == null) {
            id = names.size();
            names.add(symbol);
            ids.put(symbol, id);
        }
        return id;
    }

    private static long pair(int left, int right) {
        return ((long) left << 32) | (right & 0xffffffffL);
    }

    private static int left(long pair) {
        return (int) (pair >>> 32);
    }

    private static int right(long pair) {
        return (int) pair;
    }

    private void countAllPairs() {
        Set<Long> changed = new HashSet<>();
        for (int w = 0; w < words.length; w++) {
            addPairs(w, 1, changed);
        }
        changed.forEach(this::push);
    }

    /** Adds (sign 1) or removes (sign -1) the pairs of word {@code w}, weighted by the word's count. */
    private void addPairs(int w, int sign, Set<Long> changed) {
        int[] symbols = words[w];
        for (int i = 0; i + 1 < symbols.length; i++) {
            long p = pair(symbols[i], symbols[i + 1]);
            pairCounts.computeIfAbsent(p, k -> new long[1])[0] += sign * counts[w];
            if (sign > 0) {
                pairWords.computeIfAbsent(p, k -> new HashSet<>()).add(w);
            }
            changed.add(p);
        }
    }

    private void push(long p) {
        long[] count = pairCounts.get(p);
        if (count != null && count[0] > 0) {
            heap.add(new Candidate(p, count[0]));
        } else {
            pairCounts.remove(p);
        }
    }

    /** The best pair whose heap entry still holds its current count; stale entries are dropped. */
    private Candidate nextBest() {
        while (!heap.isEmpty()) {
            Candidate c = heap.poll();
            long[] current = pairCounts.get(c.pair());
            if (current != null && current[0] == c.count()) {
                return c;
            }
        }
        return null;
    }

    /** Merges the pair in every word that holds it and updates the pair counts; returns the new symbol. */
    private String merge(long p) {
        int a = left(p);
        int b = right(p);
        String merged = names.get(a) + names.get(b);
        int m = intern(merged);
        Set<Integer> holders = pairWords.remove(p);
        Set<Long> changed = new HashSet<>();
        for (int w : holders) {
            int[] before = words[w];
            int[] after = mergeAll(before, a, b, m);
            if (after.length == before.length) {
                continue; // the word lost this pair to an earlier merge
            }
            addPairs(w, -1, changed);
            words[w] = after;
            addPairs(w, 1, changed);
        }
        changed.forEach(this::push);
        return merged;
    }

    private static int[] mergeAll(int[] symbols, int a, int b, int m) {
        int[] out = new int[symbols.length];
        int n = 0;
        for (int i = 0; i < symbols.length; i++) {
            if (i + 1 < symbols.length && symbols[i] == a && symbols[i + 1] == b) {
                out[n++] = m;
                i++;
            } else {
                out[n++] = symbols[i];
            }
        }
        return n == symbols.length ? symbols : Arrays.copyOf(out, n);
    }
}

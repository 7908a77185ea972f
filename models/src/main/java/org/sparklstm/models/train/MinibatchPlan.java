package org.sparklstm.models.train;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;

/**
 * The order in which one worker visits its windows in one epoch: a seeded shuffle cut into
 * minibatches (the last may be smaller). Same seed, epoch and worker give the same plan.
 */
public final class MinibatchPlan {

    private final int[][] batches;

    private MinibatchPlan(int[][] batches) {
        this.batches = batches;
    }

    public static MinibatchPlan shuffled(int windows, int batchSize, long seed, int epoch, int worker) {
        return new MinibatchPlan(cut(permutation(windows, new SplittableRandom(mix(seed, epoch, worker))), batchSize));
    }

    /**
     * Minibatches of similar lengths: windows sorted by length (ties in a seeded random order), cut
     * into consecutive batches, visited in a seeded random order. As many batches as {@link #shuffled}.
     */
    public static MinibatchPlan bucketed(int[] lengths, int batchSize, long seed, int epoch, int worker) {
        SplittableRandom random = new SplittableRandom(mix(seed, epoch, worker));
        int[] shuffled = permutation(lengths.length, random);
        // a stable sort keeps the random order among equal lengths
        int[] order = Arrays.stream(shuffled).boxed().sorted(Comparator.comparingInt(i -> lengths[i]))
                .mapToInt(Integer::intValue).toArray();
        int[][] batches = cut(order, batchSize);
        for (int i = batches.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int[] t = batches[i];
            batches[i] = batches[j];
            batches[j] = t;
        }
        return new MinibatchPlan(batches);
    }

    /** The windows in order, cut into minibatches (the last may be smaller): for scoring. */
    public static MinibatchPlan ranges(int windows, int batchSize) {
        int[] order = new int[windows];
        for (int i = 0; i < windows; i++) {
            order[i] = i;
        }
        return new MinibatchPlan(cut(order, batchSize));
    }

    /**
     * The stateful order: the windows, consecutive in the stream, laid out as {@code rows} contiguous rows, and
     * minibatch j holding the j-th window of every row, so that each row goes on where the last minibatch left
     * it. The first {@code windows mod rows} rows are one window longer; the last minibatch holds only those.
     * As many batches as {@link #shuffled}.
     */
    public static MinibatchPlan rows(int windows, int rows) {
        if (rows <= 0) {
            throw new IllegalArgumentException("batch size " + rows + " must be > 0");
        }
        int used = Math.min(rows, windows);
        if (used == 0) {
            return new MinibatchPlan(new int[0][]);
        }
        int length = windows / used;
        int longer = windows % used;
        int[][] batches = new int[batchesFor(windows, rows)][];
        for (int j = 0; j < batches.length; j++) {
            int[] batch = new int[j < length ? used : longer];
            for (int row = 0; row < batch.length; row++) {
                batch[row] = row * length + Math.min(row, longer) + j;
            }
            batches[j] = batch;
        }
        return new MinibatchPlan(batches);
    }

    private static int[] permutation(int n, SplittableRandom random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    private static int[][] cut(int[] order, int batchSize) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch size " + batchSize + " must be > 0");
        }
        int count = batchesFor(order.length, batchSize);
        int[][] batches = new int[count][];
        for (int b = 0; b < count; b++) {
            batches[b] = Arrays.copyOfRange(order, b * batchSize, Math.min(order.length, (b + 1) * batchSize));
        }
        return batches;
    }

    public static long mix(long seed, long a, long b) {
        long h = seed * 0x9E3779B97F4A7C15L + a;
        h = (h ^ (h >>> 31)) * 0xBF58476D1CE4E5B9L + b;
        return h ^ (h >>> 29);
    }

    public int size() {
        return batches.length;
    }

    public int[] batch(int i) {
        return batches[i];
    }

    public static int batchesFor(int windows, int batchSize) {
        return (windows + batchSize - 1) / batchSize;
    }
}

package org.sparklstm.models;

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
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch size " + batchSize + " must be > 0");
        }
        int[] order = new int[windows];
        for (int i = 0; i < windows; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(mix(seed, epoch, worker));
        for (int i = windows - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int count = (windows + batchSize - 1) / batchSize;
        int[][] batches = new int[count][];
        for (int b = 0; b < count; b++) {
            int from = b * batchSize;
            int to = Math.min(windows, from + batchSize);
            batches[b] = java.util.Arrays.copyOfRange(order, from, to);
        }
        return new MinibatchPlan(batches);
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

package org.sparklstm.models.classify;

import java.util.Arrays;

/**
 * Accuracy, per-class precision / recall / F1, macro-F1, the confusion matrix and, for two classes,
 * ROC AUC of the second class's probability, from labels, predictions and that probability.
 */
public record ClassificationMetrics(long[][] confusion, double rocAuc) {

    /**
     * @param positiveScores the probability of class 1 per example (used when there are 2 classes)
     */
    public static ClassificationMetrics of(int classes, int[] actual, int[] predicted, double[] positiveScores) {
        long[][] confusion = new long[classes][classes];
        for (int i = 0; i < actual.length; i++) {
            confusion[actual[i]][predicted[i]]++;
        }
        double auc = classes == 2 ? auc(actual, positiveScores) : Double.NaN;
        return new ClassificationMetrics(confusion, auc);
    }

    public long total() {
        return Arrays.stream(confusion).flatMapToLong(Arrays::stream).sum();
    }

    public double accuracy() {
        long right = 0;
        for (int c = 0; c < confusion.length; c++) {
            right += confusion[c][c];
        }
        return (double) right / total();
    }

    public long support(int c) {
        return Arrays.stream(confusion[c]).sum();
    }

    public double precision(int c) {
        long predicted = 0;
        for (long[] row : confusion) {
            predicted += row[c];
        }
        return predicted == 0 ? 0 : (double) confusion[c][c] / predicted;
    }

    public double recall(int c) {
        long s = support(c);
        return s == 0 ? 0 : (double) confusion[c][c] / s;
    }

    public double f1(int c) {
        double p = precision(c);
        double r = recall(c);
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    public double macroF1() {
        double sum = 0;
        for (int c = 0; c < confusion.length; c++) {
            sum += f1(c);
        }
        return sum / confusion.length;
    }

    /** Probability that a random positive scores above a random negative (ties count half). */
    static double auc(int[] actual, double[] scores) {
        Integer[] order = new Integer[actual.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(scores[a], scores[b]));
        double rankSumPositives = 0;
        long positives = 0;
        int i = 0;
        while (i < order.length) {
            int j = i;
            while (j + 1 < order.length && scores[order[j + 1]] == scores[order[i]]) {
                j++;
            }
            double averageRank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                if (actual[order[k]] == 1) {
                    rankSumPositives += averageRank;
                    positives++;
                }
            }
            i = j + 1;
        }
        long negatives = actual.length - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        return (rankSumPositives - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }
}

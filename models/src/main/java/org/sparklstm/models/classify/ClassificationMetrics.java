package org.sparklstm.models.classify;

import java.util.Arrays;

/**
 * Accuracy, per-class precision / recall / F1 and macro-F1 from the confusion counts (actual x predicted), with the
 * ROC AUC computed beside them (for two classes the second class's, for more the mean one-vs-rest AUC; NaN where
 * undefined).
 */
public record ClassificationMetrics(long[][] confusion, double rocAuc) {

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
}

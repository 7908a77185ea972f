package org.sparklstm.pipeline.classify;

import java.io.Serializable;
import org.sparklstm.pipeline.classify.ClassifierScorer.Prediction;

/**
 * What a classifier's labelled predictions add up to, gathered with a tree aggregation on the executors: the
 * confusion counts (actual x predicted) and the summed cross-entropy.
 */
final class ConfusionCounts implements Serializable {

    final long[][] confusion;
    double lossSum;

    ConfusionCounts(int classes) {
        confusion = new long[classes][classes];
    }

    ConfusionCounts add(Prediction p) {
        confusion[p.label()][p.predicted()]++;
        lossSum -= Math.log(Math.max(1e-12, p.probabilities()[p.label()]));
        return this;
    }

    ConfusionCounts merge(ConfusionCounts other) {
        for (int a = 0; a < confusion.length; a++) {
            for (int p = 0; p < confusion.length; p++) {
                confusion[a][p] += other.confusion[a][p];
            }
        }
        lossSum += other.lossSum;
        return this;
    }
}

package org.sparklstm.pipeline.train;

import java.io.Serializable;
import org.sparklstm.models.train.FitStatistics;
import org.sparklstm.models.train.Gradients;

/** Running sum of the workers' gradient parts of one step, in double precision. */
final class GradientSum implements Serializable {

    private double[] sum;
    private int examples;
    private int contributors;
    private FitStatistics statistics = FitStatistics.NONE;

    GradientSum add(Gradients.Part part, FitStatistics fitted) {
        if (sum == null) {
            sum = new double[part.sum().length];
        }
        float[] values = part.sum();
        for (int i = 0; i < values.length; i++) {
            sum[i] += values[i];
        }
        examples += part.examples();
        contributors++;
        statistics = statistics.plus(fitted);
        return this;
    }

    GradientSum merge(GradientSum other) {
        if (other.sum == null) {
            return this;
        }
        if (sum == null) {
            return other;
        }
        for (int i = 0; i < sum.length; i++) {
            sum[i] += other.sum[i];
        }
        examples += other.examples;
        contributors += other.contributors;
        statistics = statistics.plus(other.statistics);
        return this;
    }

    double[] sum() {
        return sum;
    }

    int examples() {
        return examples;
    }

    int contributors() {
        return contributors;
    }

    FitStatistics statistics() {
        return statistics;
    }
}

package org.sparklstm.pipeline.train;

import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;
import org.sparklstm.models.train.CarriedState;
import org.sparklstm.models.train.FitStatistics;
import org.sparklstm.models.train.Gradients;

/**
 * Running sum of the workers' gradient parts of one step, in double precision, with stateful training's carried
 * states gathered by worker.
 */
final class GradientSum implements Serializable {

    /** What one worker gives back from a round. */
    record WorkerGradient(int worker, Gradients.Part part, FitStatistics fitted, CarriedState carried)
            implements Serializable {
    }

    private double[] sum;
    private int examples;
    private int contributors;
    private FitStatistics statistics = FitStatistics.NONE;
    private final TreeMap<Integer, CarriedState> carried = new TreeMap<>();

    GradientSum add(WorkerGradient gradient) {
        if (gradient.carried() != null) {
            carried.put(gradient.worker(), gradient.carried());
        }
        return add(gradient.part(), gradient.fitted());
    }

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
        carried.putAll(other.carried);
        return this;
    }

    /** The carried state each worker's rows ended the round in (empty when stateless). */
    Map<Integer, CarriedState> carried() {
        return carried;
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

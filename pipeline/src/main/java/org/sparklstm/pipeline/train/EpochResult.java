package org.sparklstm.pipeline.train;

import java.io.Serializable;
import java.util.Map;
import org.sparklstm.models.train.FitStatistics;

/**
 * What one finished epoch measured: its training, and its validation by name (for example
 * {@code loss}, {@code tokens}, {@code accuracy}, {@code mae}; empty when the run does not validate).
 */
public record EpochResult(int epoch, FitStatistics train, double trainSeconds, Map<String, Double> validation,
                          double validationSeconds) implements Serializable {

    public static final String LOSS = "loss";

    public EpochResult {
        validation = Map.copyOf(validation);
    }

    public static EpochResult unvalidated(int epoch, FitStatistics train, double trainSeconds) {
        return new EpochResult(epoch, train, trainSeconds, Map.of(), 0);
    }

    /** A validation value; NaN when the epoch was not validated. */
    public double validation(String name) {
        return validation.getOrDefault(name, Double.NaN);
    }
}

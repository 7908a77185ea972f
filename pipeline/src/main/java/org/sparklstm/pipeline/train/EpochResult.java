package org.sparklstm.pipeline.train;

import java.io.Serializable;
import org.sparklstm.models.train.FitStatistics;

/**
 * What one finished epoch measured: its training, and its validation (null when the run does not
 * validate).
 */
public record EpochResult(int epoch, FitStatistics train, double trainSeconds, EpochValidation validation,
                          double validationSeconds) implements Serializable {

    public static EpochResult unvalidated(int epoch, FitStatistics train, double trainSeconds) {
        return new EpochResult(epoch, train, trainSeconds, null, 0);
    }

    public boolean validated() {
        return validation != null;
    }

    /** The validation loss; NaN when the epoch was not validated or its task measures none. */
    public double validationLoss() {
        return validation == null ? Double.NaN : validation.loss();
    }
}

package org.sparklstm.pipeline.train;

import java.io.Serializable;
import org.sparklstm.models.FitStatistics;

/** What one finished epoch measured: its training and its validation (loss per unit, NaN when none). */
public record EpochResult(int epoch, FitStatistics train, double trainSeconds, double validationLoss,
                          long validationUnits, double validationSeconds) implements Serializable {
}

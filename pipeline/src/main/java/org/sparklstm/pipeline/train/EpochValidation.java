package org.sparklstm.pipeline.train;

import java.io.Serializable;

/**
 * What a task measures on its validation data after an epoch; each task has its own record. A record of numbers
 * only ({@code double}, {@code long}, {@code int}): checkpoints keep it by its type and numbers
 * ({@link ValidationJson}).
 */
public interface EpochValidation extends Serializable {

    /**
     * What a run keeps its best epoch by and a plateau schedule watches, lower being better: the validation
     * loss (a forecaster's MAE).
     */
    double loss();
}

package org.sparklstm.pipeline.train;

import java.io.Serializable;

/** What a task measures on its validation data after an epoch; each task has its own record. */
public interface EpochValidation extends Serializable {

    /** The validation loss a run keeps its best epoch by; NaN when the task measures none. */
    double loss();
}

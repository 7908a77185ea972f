package org.sparklstm.pipeline.train;

/** The loss or the parameters stopped being finite numbers: going on would only spread the NaNs. */
public final class TrainingDivergedException extends RuntimeException {

    public TrainingDivergedException(String message) {
        super(message);
    }
}

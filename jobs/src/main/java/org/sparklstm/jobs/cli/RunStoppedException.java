package org.sparklstm.jobs.cli;

/** A run ended by its driver being asked to stop; the message is the reason written to {@code _FAILED}. */
public final class RunStoppedException extends RuntimeException {

    RunStoppedException(String reason) {
        super(reason);
    }
}

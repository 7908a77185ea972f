package org.sparklstm.pipeline.registry;

import java.io.IOException;

/** Another retrain holds the registry's lock: the message names it (who, host, since when). */
public final class RegistryLockedException extends IOException {

    private final LockHolder holder;
    private final Staleness staleness;

    RegistryLockedException(String message, LockHolder holder, Staleness staleness) {
        super(message);
        this.holder = holder;
        this.staleness = staleness;
    }

    public LockHolder holder() {
        return holder;
    }

    public Staleness staleness() {
        return staleness;
    }
}

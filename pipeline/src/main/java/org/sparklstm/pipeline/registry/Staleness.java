package org.sparklstm.pipeline.registry;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether a lock's holder may still be working. Only a holder on this host can be seen to be gone; one on
 * another host is stale only by age.
 */
public enum Staleness {
    /** the holder may still be running: its lock is never broken */
    LIVE,
    /** the holder ran on this host and its process is no longer there (it crashed or was killed) */
    OWNER_GONE,
    /** the lock is older than the configured limit, whatever its process */
    EXPIRED;

    public boolean stale() {
        return this != LIVE;
    }

    static Staleness of(LockHolder holder, Instant now, Duration staleAfter, String thisHost) {
        if (holder.host().equals(thisHost) && !alive(holder)) {
            return OWNER_GONE;
        }
        return Duration.between(holder.started(), now).compareTo(staleAfter) > 0 ? EXPIRED : LIVE;
    }

    /** A process of that id started before the lock was taken: a later one reuses a dead holder's id. */
    private static boolean alive(LockHolder holder) {
        Optional<ProcessHandle> p = ProcessHandle.of(holder.pid());
        if (p.isEmpty() || !p.get().isAlive()) {
            return false;
        }
        Optional<Instant> start = p.get().info().startInstant();
        // start times are rounded by the OS: a second of slack
        return start.isEmpty() || !start.get().isAfter(holder.started().plusSeconds(1));
    }

    /** Why the lock may be broken, for the messages. */
    String reason(LockHolder holder, Duration staleAfter) {
        return switch (this) {
            case LIVE -> "its holder may still be running";
            case OWNER_GONE -> "process " + holder.pid() + " is no longer running on " + holder.host();
            case EXPIRED -> "it is older than retrain.lock-stale-after (" + staleAfter + ")";
        };
    }
}

package org.sparklstm.pipeline.registry;

import java.time.Duration;

/**
 * How a retrain takes the registry lock.
 *
 * @param waitFor    how long to wait for a live holder to release it before failing
 * @param staleAfter a lock older than this is stale, even if its process still runs
 * @param breakStale break a stale lock (never a live one); without it a stale lock fails like a live one
 */
public record LockPolicy(Duration waitFor, Duration staleAfter, boolean breakStale) {

    public LockPolicy {
        if (waitFor.isNegative() || staleAfter.isNegative() || staleAfter.isZero()) {
            throw new IllegalArgumentException("lock wait must be >= 0 and staleness > 0: " + waitFor + ", "
                    + staleAfter);
        }
    }
}

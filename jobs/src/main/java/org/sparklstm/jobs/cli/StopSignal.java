package org.sparklstm.jobs.cli;

import java.util.Optional;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * The signals that ask a driver to stop: {@code TERM} (what YARN, Kubernetes, schedulers and
 * {@code kill} send first) and {@code INT} (Ctrl-C). The JVM answers both by running its shutdown hooks,
 * which cannot tell which one came; this remembers it, so that a stopped run can name it.
 */
enum StopSignal {
    TERM, INT;

    private static volatile StopSignal received;
    private static boolean watching;

    /** From now on, remembers which of them arrives, then lets the JVM shut down as it would have. */
    static synchronized void watch() {
        if (watching) {
            return;
        }
        watching = true;
        for (StopSignal stop : values()) {
            Signal signal = new Signal(stop.name());
            SignalHandler[] previous = new SignalHandler[1];
            try {
                previous[0] = Signal.handle(signal, s -> {
                    received = stop;
                    passOn(previous[0], s);
                });
            } catch (IllegalArgumentException e) {
                // the JVM runs without signal handlers (-Xrs): the signal keeps its own action
            }
        }
    }

    /** The signal that stopped the driver, if one did. */
    static Optional<StopSignal> received() {
        return Optional.ofNullable(received);
    }

    /** The JVM's own handler starts the shutdown; where there was none, shut down as it does (128 + number). */
    private static void passOn(SignalHandler previous, Signal signal) {
        try {
            previous.handle(signal);
        } catch (UnsupportedOperationException nativeHandler) {
            System.exit(128 + signal.getNumber());
        }
    }
}

package org.sparklstm.pipeline.flow;

import java.io.PrintStream;
import java.util.function.Consumer;
import org.sparklstm.pipeline.train.RoundProgress;

/** Prints training progress at most every few seconds, and always at an epoch's last round. */
public final class ConsoleProgress implements Consumer<RoundProgress> {

    private static final long INTERVAL_NANOS = 5_000_000_000L;
    private final PrintStream out;
    private final String units;
    private long lastPrint;

    /** @param units what training throughput counts: tokens or windows */
    public ConsoleProgress(PrintStream out, String units) {
        this.out = out;
        this.units = units;
    }

    @Override
    public void accept(RoundProgress p) {
        long now = System.nanoTime();
        if (p.round() == p.rounds() || now - lastPrint >= INTERVAL_NANOS) {
            lastPrint = now;
            out.printf("epoch %d/%d  round %d/%d  train loss %.4f  %,.0f %s/s  ETA %s%n", p.epoch(), p.epochs(),
                    p.round(), p.rounds(), p.trainLoss(), p.tokensPerSecond(), units, duration(p.etaSeconds()));
        }
    }

    public static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format("%dh%02dm", s / 3600, (s % 3600) / 60)
                : String.format("%dm%02ds", s / 60, s % 60);
    }
}

package org.sparklstm.models.train;

import java.io.Serializable;

/** What a stretch of training did: tokens, summed loss (nats) and time spent in fit. */
public record FitStatistics(long tokens, double lossSum, long fitNanos) implements Serializable {

    public static final FitStatistics NONE = new FitStatistics(0, 0, 0);

    public FitStatistics plus(FitStatistics o) {
        return new FitStatistics(tokens + o.tokens, lossSum + o.lossSum, fitNanos + o.fitNanos);
    }

    public double meanLoss() {
        return tokens == 0 ? Double.NaN : lossSum / tokens;
    }
}

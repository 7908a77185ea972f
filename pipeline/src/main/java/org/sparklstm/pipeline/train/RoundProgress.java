package org.sparklstm.pipeline.train;

/** Where training stands after one averaging round. */
public record RoundProgress(int epoch, int epochs, int round, int rounds, double trainLoss, long epochTokens,
                            double epochSeconds, double etaSeconds) {

    public double tokensPerSecond() {
        return epochSeconds > 0 ? epochTokens / epochSeconds : 0;
    }
}

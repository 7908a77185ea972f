package org.sparklstm.pipeline.evaluate;

import java.io.Serializable;

/** Summed next-token loss (nats) over a number of tokens. */
public record LossSummary(double nll, long tokens) implements Serializable {

    public LossSummary plus(LossSummary o) {
        return new LossSummary(nll + o.nll, tokens + o.tokens);
    }

    public double loss() {
        return nll / tokens;
    }

    public double perplexity() {
        return Math.exp(loss());
    }

    public double bits() {
        return loss() / Math.log(2);
    }
}

package org.sparklstm.pipeline.lm;

import org.sparklstm.pipeline.train.EpochValidation;

/** A language model's validation after an epoch: the mean loss (nats per token) over its tokens. */
public record LmValidation(double loss, long tokens) implements EpochValidation {
}

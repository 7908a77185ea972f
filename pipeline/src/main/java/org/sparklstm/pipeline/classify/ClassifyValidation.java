package org.sparklstm.pipeline.classify;

import org.sparklstm.pipeline.train.EpochValidation;

/** A classifier's validation after an epoch: the mean cross-entropy and the accuracy over the held-out rows. */
public record ClassifyValidation(double loss, double accuracy, long rows) implements EpochValidation {
}

package org.sparklstm.models.lm;

/**
 * Which layers {@link NetworkFactory} builds; both have the same parameters and compute the same function, and
 * differ in how they take their targets ({@link TargetEncoding}).
 */
public enum LstmImplementation {
    /** DL4J's own {@code LSTM} and {@code RnnOutputLayer} (one-hot targets): a network as a DL4J user builds it. */
    DL4J,
    /**
     * {@link org.sparklstm.models.lstm.FusedLstm} (same math, far fewer native calls per step) and
     * {@link org.sparklstm.models.output.TokenSoftmax} (target ids): the default.
     */
    FUSED
}

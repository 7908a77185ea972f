package org.sparklstm.models.lm;

/** Which LSTM layer {@link NetworkFactory} builds; both have the same parameters and compute the same function. */
public enum LstmImplementation {
    /** DL4J's own {@code LSTM} layer. */
    DL4J,
    /** {@link org.sparklstm.models.lstm.FusedLstm}: same math, far fewer native calls per step (the default). */
    FUSED
}

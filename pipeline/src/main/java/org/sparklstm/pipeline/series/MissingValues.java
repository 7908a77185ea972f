package org.sparklstm.pipeline.series;

/** What a missing value (empty, {@code NA}, {@code NaN}, {@code null}) does ({@code series.missing}). */
public enum MissingValues {
    /** Stops the run, naming the file, row and column. */
    FAIL("fail"),
    /** Left missing: the windows that touch it are left out and counted. */
    DROP_WINDOW("drop-window"),
    /** The last value before it. */
    FORWARD_FILL("forward-fill");

    private final String configName;

    MissingValues(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }
}

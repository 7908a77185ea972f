package org.sparklstm.pipeline.forecast;

import org.sparklstm.models.forecast.Scaling;

/** How series values are scaled for the network ({@code series.normalization}), fitted on the training part. */
public enum Normalization {
    ZSCORE(Scaling.ZSCORE),
    MINMAX(Scaling.MINMAX),
    NONE(Scaling.NONE);

    private final String configName;

    Normalization(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }
}

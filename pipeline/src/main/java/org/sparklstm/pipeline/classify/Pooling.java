package org.sparklstm.pipeline.classify;

import org.sparklstm.models.classify.ClassifierSpec;

/** How a classifier turns the recurrent outputs of a text into one vector ({@code classify.pooling}). */
public enum Pooling {
    /** The maximum of each unit over the real steps. */
    MAX(ClassifierSpec.MAX),
    /** The mean over the real steps. */
    MEAN(ClassifierSpec.MEAN),
    /** The last real step. */
    LAST(ClassifierSpec.LAST);

    private final String configName;

    Pooling(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }
}

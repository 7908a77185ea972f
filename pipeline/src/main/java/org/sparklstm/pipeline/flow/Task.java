package org.sparklstm.pipeline.flow;

/** What a run trains; the {@code task} key and the runs table's {@code task} column hold its name. */
public enum Task {
    /** A next-token language model. */
    LM("lm"),
    /** A forecaster of time series. */
    FORECAST("forecast"),
    /** A classifier of labelled texts. */
    CLASSIFY("classify");

    private final String configName;

    Task(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }
}

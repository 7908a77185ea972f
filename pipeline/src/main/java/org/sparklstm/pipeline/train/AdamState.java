package org.sparklstm.pipeline.train;

/** What parameter averaging does with the workers' Adam moments at the end of a round ({@code train.adam-state}). */
public enum AdamState {
    /** Averaged like the parameters, and broadcast with them. */
    AVERAGED("averaged"),
    /** Each worker keeps its own moments and step count from round to round; only the parameters are averaged. */
    PER_WORKER("per-worker"),
    /** Every round starts from zero moments and step 0 (Adam's bias correction starts again). */
    RESET("reset");

    private final String configName;

    AdamState(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }
}

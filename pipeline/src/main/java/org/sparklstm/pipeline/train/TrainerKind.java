package org.sparklstm.pipeline.train;

/** Which trainer fits the network ({@code train.trainer}). */
public enum TrainerKind {
    /** Ours: parameter averaging every {@code averaging-frequency} minibatches. */
    AVERAGING("averaging"),
    /** Ours: the workers' gradients summed into one update per minibatch, as one process would train. */
    SYNC_GRADIENTS("sync-gradients"),
    /** dl4j-spark's {@code ParameterAveragingTrainingMaster} (language models only). */
    DL4J_SPARK("dl4j-spark");

    private final String configName;

    TrainerKind(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }
}

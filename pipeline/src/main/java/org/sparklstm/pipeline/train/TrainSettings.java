package org.sparklstm.pipeline.train;

import java.io.Serializable;

/** How training runs: epochs, workers, minibatch size, how many minibatches between averages, BPTT. */
public record TrainSettings(int epochs, int workers, int batchSize, int averagingFrequency, int tbpttLength,
                            long seed, int vocabularySize) implements Serializable {

    public TrainSettings {
        positive("train.epochs", epochs);
        positive("train.workers", workers);
        positive("train.batch-size", batchSize);
        positive("train.averaging-frequency", averagingFrequency);
        if (tbpttLength < 0) {
            throw new IllegalArgumentException("train.tbptt-length: " + tbpttLength + " must be >= 0");
        }
    }

    private static void positive(String key, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(key + ": " + value + " must be > 0");
        }
    }
}

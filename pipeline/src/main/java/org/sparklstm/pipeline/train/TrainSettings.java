package org.sparklstm.pipeline.train;

import java.io.Serializable;

/**
 * How training runs: epochs, workers, minibatch size, how many minibatches between averages, BPTT.
 *
 * @param updateScale   multiplies each round's averaged update (the workers' mean parameter change):
 *                      1 is plain parameter averaging; the number of workers sums their updates
 * @param blockMomentum the momentum of {@link BlockMomentum} over rounds (parameter averaging); 0 = none
 * @param stateful      a language model's workers read their windows as {@code batchSize} rows of the stream,
 *                      each row carrying its recurrent state from window to window (see {@link WorkerRows})
 * @param globalClipNorm the limit of the gradient's global L2 norm; 0: the network's own per-layer clipping
 * @param adamState     what parameter averaging does with the workers' Adam moments
 */
public record TrainSettings(int epochs, int workers, int batchSize, int averagingFrequency, int tbpttLength,
                            long seed, int vocabularySize, double updateScale, double blockMomentum,
                            boolean stateful, double globalClipNorm, AdamState adamState) implements Serializable {

    /** Stateless, without block momentum. */
    public TrainSettings(int epochs, int workers, int batchSize, int averagingFrequency, int tbpttLength, long seed,
                         int vocabularySize, double updateScale) {
        this(epochs, workers, batchSize, averagingFrequency, tbpttLength, seed, vocabularySize, updateScale, 0);
    }

    /** Stateless. */
    public TrainSettings(int epochs, int workers, int batchSize, int averagingFrequency, int tbpttLength, long seed,
                         int vocabularySize, double updateScale, double blockMomentum) {
        this(epochs, workers, batchSize, averagingFrequency, tbpttLength, seed, vocabularySize, updateScale,
                blockMomentum, false);
    }

    /** With the network's own clipping and averaged Adam moments. */
    public TrainSettings(int epochs, int workers, int batchSize, int averagingFrequency, int tbpttLength, long seed,
                         int vocabularySize, double updateScale, double blockMomentum, boolean stateful) {
        this(epochs, workers, batchSize, averagingFrequency, tbpttLength, seed, vocabularySize, updateScale,
                blockMomentum, stateful, 0, AdamState.AVERAGED);
    }

    public TrainSettings {
        positive("train.epochs", epochs);
        positive("train.workers", workers);
        positive("train.batch-size", batchSize);
        positive("train.averaging-frequency", averagingFrequency);
        if (updateScale <= 0) {
            throw new IllegalArgumentException("train.update-scale: " + updateScale + " must be > 0");
        }
        if (blockMomentum < 0 || blockMomentum >= 1) {
            throw new IllegalArgumentException("train.block-momentum: " + blockMomentum + " must be in [0, 1)");
        }
        if (tbpttLength < 0) {
            throw new IllegalArgumentException("train.tbptt-length: " + tbpttLength + " must be >= 0");
        }
        adamState = adamState == null ? AdamState.AVERAGED : adamState;
        if (globalClipNorm < 0) {
            throw new IllegalArgumentException("train.clip-norm: " + globalClipNorm + " must be >= 0");
        }
        if (stateful && tbpttLength > 0) {
            throw new IllegalArgumentException("train.stateful: the window is the truncation; train.tbptt-length "
                    + tbpttLength + " must be 0 here");
        }
    }

    private static void positive(String key, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(key + ": " + value + " must be > 0");
        }
    }
}

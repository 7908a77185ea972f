package org.sparklstm.models.train;

import java.io.Serializable;
import org.nd4j.linalg.dataset.DataSet;

/** One worker's training windows in a compact form, turned into DL4J minibatches on demand. */
public interface TrainingBlock extends Serializable {

    int size();

    /**
     * True when the windows are consecutive pieces of one stream, visited as rows ({@link MinibatchPlan#rows})
     * with each row's recurrent state carried from one window to the next.
     */
    default boolean stateful() {
        return false;
    }

    /** The order in which one worker visits this block's windows in one epoch. */
    default MinibatchPlan plan(int batchSize, long seed, int epoch, int worker) {
        return MinibatchPlan.shuffled(size(), batchSize, seed, epoch, worker);
    }

    /** The minibatch of the given windows (indexes into this block). */
    DataSet minibatch(int[] windows);

    /** What one window counts in throughput figures: tokens for a language model, 1 for a forecaster. */
    long unitsPerWindow();

    /** DL4J's score of the last fitted minibatch as the mean loss per unit. */
    double lossPerUnit(double score);
}

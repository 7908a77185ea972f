package org.sparklstm.models.lm;

import org.nd4j.linalg.dataset.DataSet;
import org.sparklstm.models.train.MinibatchFitter;
import org.sparklstm.models.train.TrainingBlock;

/** Token windows as next-token minibatches: one-hot targets over the vocabulary. */
public record LanguageModelBlock(SequenceBlock windows, int vocabularySize, int tbpttLength) implements TrainingBlock {

    @Override
    public int size() {
        return windows.size();
    }

    @Override
    public DataSet minibatch(int[] indexes) {
        return MinibatchEncoder.encode(windows, indexes, vocabularySize);
    }

    @Override
    public long unitsPerWindow() {
        return windows.steps();
    }

    /** DL4J's score is the summed loss of the last BPTT segment divided by the minibatch size. */
    @Override
    public double lossPerUnit(double score) {
        return score / MinibatchFitter.lastSegment(windows.steps(), tbpttLength);
    }
}

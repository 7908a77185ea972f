package org.sparklstm.models.lm;

import org.nd4j.linalg.dataset.DataSet;
import org.sparklstm.models.train.MinibatchFitter;
import org.sparklstm.models.train.MinibatchPlan;
import org.sparklstm.models.train.TrainingBlock;

/**
 * Token windows as next-token minibatches, with targets encoded for the network's output layer. Stateful windows
 * are consecutive in the stream and are visited as rows that carry their state; stateless ones in a seeded shuffle.
 */
public record LanguageModelBlock(WindowSource windows, int vocabularySize, int tbpttLength, boolean stateful,
                                 TargetEncoding targets) implements TrainingBlock {

    /** Targets as token ids, for our {@code TokenSoftmax}. */
    public LanguageModelBlock(WindowSource windows, int vocabularySize, int tbpttLength, boolean stateful) {
        this(windows, vocabularySize, tbpttLength, stateful, TargetEncoding.TOKEN_IDS);
    }

    /** Stateless windows, targets as token ids. */
    public LanguageModelBlock(WindowSource windows, int vocabularySize, int tbpttLength) {
        this(windows, vocabularySize, tbpttLength, false);
    }

    @Override
    public int size() {
        return windows.size();
    }

    @Override
    public MinibatchPlan plan(int batchSize, long seed, int epoch, int worker) {
        return stateful ? MinibatchPlan.rows(size(), batchSize) : TrainingBlock.super.plan(batchSize, seed, epoch, worker);
    }

    @Override
    public DataSet minibatch(int[] indexes) {
        SequenceBlock batch = windows.read(indexes);
        return targets.encode(batch, batch.indexes(), vocabularySize);
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

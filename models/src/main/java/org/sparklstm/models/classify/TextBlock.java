package org.sparklstm.models.classify;

import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.sparklstm.models.train.MinibatchPlan;
import org.sparklstm.models.train.TrainingBlock;

/**
 * Labelled token sequences of any length packed in flat arrays. A minibatch is padded at the end to
 * its longest sequence only, with a mask that keeps the padding out of the loss and the gradients;
 * the plan buckets sequences by length so little is padded.
 */
public final class TextBlock implements TrainingBlock {

    private final int classes;
    private final int[] starts;
    private final int[] tokens;
    private final int[] labels;

    /** @param starts where each sequence starts in {@code tokens}, plus the end: length = sequences + 1 */
    public TextBlock(int classes, int[] starts, int[] tokens, int[] labels) {
        if (starts.length != labels.length + 1 || starts[starts.length - 1] != tokens.length) {
            throw new IllegalArgumentException("starts, tokens and labels do not describe the same sequences");
        }
        this.classes = classes;
        this.starts = starts;
        this.tokens = tokens;
        this.labels = labels;
    }

    @Override
    public int size() {
        return labels.length;
    }

    public int length(int i) {
        return starts[i + 1] - starts[i];
    }

    public int[] sequence(int i) {
        return java.util.Arrays.copyOfRange(tokens, starts[i], starts[i + 1]);
    }

    public int label(int i) {
        return labels[i];
    }

    @Override
    public MinibatchPlan plan(int batchSize, long seed, int epoch, int worker) {
        int[] lengths = new int[size()];
        for (int i = 0; i < lengths.length; i++) {
            lengths[i] = length(i);
        }
        return MinibatchPlan.bucketed(lengths, batchSize, seed, epoch, worker);
    }

    @Override
    public DataSet minibatch(int[] windows) {
        int longest = 1;
        for (int w : windows) {
            longest = Math.max(longest, length(w));
        }
        float[] features = new float[windows.length * longest];
        float[] mask = new float[windows.length * longest];
        float[] oneHot = new float[windows.length * classes];
        for (int i = 0; i < windows.length; i++) {
            int w = windows[i];
            for (int t = 0; t < length(w); t++) {
                features[i * longest + t] = tokens[starts[w] + t];
                mask[i * longest + t] = 1;
            }
            if (labels[w] >= 0) {
                oneHot[i * classes + labels[w]] = 1;
            }
        }
        DataSet ds = new DataSet(Nd4j.create(features, new long[]{windows.length, 1, longest}, 'c'),
                Nd4j.create(oneHot, new long[]{windows.length, classes}, 'c'));
        ds.setFeaturesMaskArray(Nd4j.create(mask, new long[]{windows.length, longest}, 'c'));
        return ds;
    }

    /** A classifier's throughput is counted in sequences. */
    @Override
    public long unitsPerWindow() {
        return 1;
    }

    /** DL4J's score of a classifier is the mean cross-entropy per sequence. */
    @Override
    public double lossPerUnit(double score) {
        return score;
    }
}

package org.sparklstm.models.lm;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Expands compact windows into network input on the worker, one minibatch at a time: features are embedding
 * indices {@code [mb, 1, T]}; labels the next tokens as the network's output layer takes them (see
 * {@link TargetEncoding}).
 */
public final class MinibatchEncoder {

    private MinibatchEncoder() {
    }

    /** Features and next-token ids {@code [mb, 1, T]}. */
    public static DataSet encode(SequenceBlock block, int[] windows) {
        return new DataSet(tokens(block, windows, 0), tokens(block, windows, 1));
    }

    /** Features and one-hot next tokens {@code [mb, V, T]}, for DL4J's own output layer. */
    public static DataSet encodeOneHot(SequenceBlock block, int[] windows, int vocabularySize) {
        int mb = windows.length;
        int steps = block.steps();
        float[] labels = new float[mb * vocabularySize * steps];
        for (int b = 0; b < mb; b++) {
            for (int t = 0; t < steps; t++) {
                labels[(b * vocabularySize + block.token(windows[b], t + 1)) * steps + t] = 1f;
            }
        }
        return new DataSet(features(block, windows),
                Nd4j.create(labels, new long[]{mb, vocabularySize, steps}, 'c'));
    }

    /** The input token ids {@code [mb, 1, T]}. */
    public static INDArray features(SequenceBlock block, int[] windows) {
        return tokens(block, windows, 0);
    }

    /** Tokens {@code offset .. offset + steps} of each window as {@code [mb, 1, T]}. */
    private static INDArray tokens(SequenceBlock block, int[] windows, int offset) {
        int mb = windows.length;
        int steps = block.steps();
        float[] ids = new float[mb * steps];
        for (int b = 0; b < mb; b++) {
            for (int t = 0; t < steps; t++) {
                ids[b * steps + t] = block.token(windows[b], t + offset);
            }
        }
        return Nd4j.create(ids, new long[]{mb, 1, steps}, 'c');
    }
}

package org.sparklstm.models.lm;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Expands compact windows into network input on the worker, one minibatch at a time:
 * features are embedding indices {@code [mb, 1, T]}, labels one-hot {@code [mb, V, T]} (NCW).
 */
public final class MinibatchEncoder {

    private MinibatchEncoder() {
    }

    public static DataSet encode(SequenceBlock block, int[] windows, int vocabularySize) {
        int mb = windows.length;
        int steps = block.steps();
        float[] features = new float[mb * steps];
        float[] labels = new float[mb * vocabularySize * steps];
        for (int b = 0; b < mb; b++) {
            int w = windows[b];
            for (int t = 0; t < steps; t++) {
                features[b * steps + t] = block.token(w, t);
                int target = block.token(w, t + 1);
                labels[(b * vocabularySize + target) * steps + t] = 1f;
            }
        }
        INDArray f = Nd4j.create(features, new long[]{mb, 1, steps}, 'c');
        INDArray l = Nd4j.create(labels, new long[]{mb, vocabularySize, steps}, 'c');
        return new DataSet(f, l);
    }
}

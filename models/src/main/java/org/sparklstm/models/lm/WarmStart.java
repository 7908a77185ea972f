package org.sparklstm.models.lm;

import java.util.Arrays;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A language model that continues from a trained one: a fresh network of {@code spec} (the training settings
 * of the new run, the vocabulary size possibly grown) whose parameters are the trained network's. When the
 * vocabulary grew, the embedding rows and output columns (and biases) of the old ids are copied exactly and
 * the new ones keep the fresh network's seeded initialisation. The updater (Adam) state and iteration count
 * start afresh: the moments of the old data say little about the new data's gradients, and the grown
 * parameters have none.
 */
public final class WarmStart {

    private WarmStart() {
    }

    /**
     * @throws IllegalArgumentException naming the layer and parameter when {@code spec}'s network has another
     *                                  architecture than the trained one (other than a larger vocabulary)
     */
    public static MultiLayerNetwork from(MultiLayerNetwork trained, LanguageModelSpec spec) {
        MultiLayerNetwork net = NetworkFactory.create(spec);
        if (net.getnLayers() != trained.getnLayers()) {
            throw new IllegalArgumentException("the network has " + net.getnLayers() + " layers, the trained one "
                    + trained.getnLayers());
        }
        int last = net.getnLayers() - 1;
        for (int layer = 0; layer <= last; layer++) {
            Map<String, INDArray> fresh = net.getLayer(layer).paramTable();
            Map<String, INDArray> old = trained.getLayer(layer).paramTable();
            if (!fresh.keySet().equals(old.keySet())) {
                throw new IllegalArgumentException("layer " + layer + " has parameters " + fresh.keySet()
                        + ", the trained one " + old.keySet());
            }
            for (Map.Entry<String, INDArray> e : fresh.entrySet()) {
                // only the vocabulary may grow: the embedding's rows and the output layer's columns
                int vocabularyDimension = layer == 0 ? 0 : layer == last ? e.getValue().rank() - 1 : -1;
                copyInto(e.getValue(), old.get(e.getKey()), vocabularyDimension, layer, e.getKey());
            }
        }
        return net;
    }

    /** Copies {@code from} into the leading block of {@code to}, which may be larger in {@code growable} only. */
    private static void copyInto(INDArray to, INDArray from, int growable, int layer, String name) {
        long[] big = to.shape();
        long[] small = from.shape();
        boolean fits = big.length == small.length;
        for (int d = 0; fits && d < big.length; d++) {
            fits = d == growable ? small[d] <= big[d] : small[d] == big[d];
        }
        if (!fits) {
            throw new IllegalArgumentException("layer " + layer + " parameter " + name + " is "
                    + Arrays.toString(big) + ", the trained one " + Arrays.toString(small));
        }
        if (Arrays.equals(big, small)) {
            to.assign(from);
            return;
        }
        INDArrayIndex[] block = new INDArrayIndex[big.length];
        for (int d = 0; d < big.length; d++) {
            block[d] = NDArrayIndex.interval(0, small[d]);
        }
        to.get(block).assign(from);
    }
}

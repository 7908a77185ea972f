package org.sparklstm.models.output;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * Joins a network's {@link TiedEmbedding} to its {@link TokenSoftmax} weights. DL4J gives each layer its own slice of
 * the parameters, so one layer cannot own another's; the embedding owns none, and reads and adds to the softmax's.
 * Every network built from a configuration (a new network, one loaded from a bundle, one rebuilt on an executor)
 * must be joined before use; networks without a tied embedding are left as they are.
 */
public final class TiedWeights {

    private TiedWeights() {
    }

    /** Joins the network's tied embedding, if it has one; returns the network. */
    public static MultiLayerNetwork tie(MultiLayerNetwork net) {
        for (Layer layer : net.getLayers()) {
            if (layer instanceof TiedEmbeddingLayer embedding) {
                if (!(net.getOutputLayer() instanceof TokenSoftmaxLayer softmax)) {
                    throw new IllegalArgumentException("a tied embedding needs a TokenSoftmax output layer, not "
                            + net.getOutputLayer().getClass().getSimpleName());
                }
                embedding.tieTo(softmax);
            }
        }
        return net;
    }

    /** True when the network's input embedding is its softmax weights. */
    public static boolean isTied(MultiLayerNetwork net) {
        for (Layer layer : net.getLayers()) {
            if (layer instanceof TiedEmbeddingLayer) {
                return true;
            }
        }
        return false;
    }
}

package org.sparklstm.models.classify;

import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sparklstm.models.text.Vocabulary;

/** Copies pre-trained word vectors into the rows of a network's embedding layer (layer 0), by token. */
public final class EmbeddingInitializer {

    private EmbeddingInitializer() {
    }

    /** @return how many vocabulary rows received a vector; the others keep their random initialisation */
    public static int apply(MultiLayerNetwork net, Vocabulary vocabulary, Map<String, float[]> vectors) {
        INDArray weights = net.getLayer(0).getParam("W");
        if (weights.rows() != vocabulary.size()) {
            throw new IllegalArgumentException("embedding has " + weights.rows() + " rows, vocabulary "
                    + vocabulary.size() + " tokens");
        }
        int copied = 0;
        for (int id = 0; id < vocabulary.size(); id++) {
            float[] v = vectors.get(vocabulary.token(id));
            if (v == null) {
                continue;
            }
            if (v.length != weights.columns()) {
                throw new IllegalArgumentException("vector of '" + vocabulary.token(id) + "' has " + v.length
                        + " values, the embedding " + weights.columns());
            }
            weights.putRow(id, Nd4j.createFromArray(v));
            copied++;
        }
        return copied;
    }
}

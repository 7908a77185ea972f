package org.sparklstm.models.lm;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;
import org.sparklstm.models.output.TokenSoftmaxLayer;

/**
 * How a language model's next-token targets reach its output layer: as ids for our {@code TokenSoftmax}, or
 * one-hot over the vocabulary for DL4J's own {@code RnnOutputLayer} (the all-DL4J networks the benchmarks compare
 * against).
 */
public enum TargetEncoding {
    TOKEN_IDS,
    ONE_HOT;

    /** The encoding the network's output layer takes. */
    public static TargetEncoding of(MultiLayerNetwork net) {
        return net.getOutputLayer() instanceof TokenSoftmaxLayer ? TOKEN_IDS : ONE_HOT;
    }

    public DataSet encode(SequenceBlock block, int[] windows, int vocabularySize) {
        return this == TOKEN_IDS ? MinibatchEncoder.encode(block, windows)
                : MinibatchEncoder.encodeOneHot(block, windows, vocabularySize);
    }
}

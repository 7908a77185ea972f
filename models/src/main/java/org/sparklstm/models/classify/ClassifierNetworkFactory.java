package org.sparklstm.models.classify;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayerWithBackprop;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.sparklstm.models.nn.RecurrentLayers;
import org.sparklstm.models.nn.TrainingDefaults;

/**
 * Builds the DL4J configuration of a {@link ClassifierSpec}. The recurrent layers honour masks (DL4J's
 * LSTM, the peephole LSTM, either wrapped in Bidirectional): minibatches of uneven texts are padded at
 * the end and masked.
 */
public final class ClassifierNetworkFactory {

    private ClassifierNetworkFactory() {
    }

    public static MultiLayerConfiguration configuration(ClassifierSpec spec) {
        NeuralNetConfiguration.Builder base = TrainingDefaults.builder(spec.seed(), spec.learningRate(), spec.clipNorm());
        double keep = 1.0 - spec.dropout();
        NeuralNetConfiguration.ListBuilder list = base.list();
        int layer = 0;
        Layer embedding = new EmbeddingSequenceLayer.Builder().nIn(spec.vocabularySize()).nOut(spec.embedding())
                .outputDataFormat(RNNFormat.NCW).build();
        list.layer(layer++, spec.frozenEmbedding() ? new FrozenLayerWithBackprop(embedding) : embedding);
        int nIn = spec.embedding();
        for (int i = 0; i < spec.layers(); i++) {
            RecurrentLayers.Built built = RecurrentLayers.buildMasked(spec.cell(), spec.bidirectional(), nIn,
                    spec.hidden(), spec.dropout() > 0 ? keep : 0, RNNFormat.NCW);
            boolean last = i == spec.layers() - 1;
            list.layer(layer++, last && spec.pooling().equals(ClassifierSpec.LAST) ? new LastTimeStep(built.layer())
                    : built.layer());
            nIn = built.outputSize();
        }
        if (!spec.pooling().equals(ClassifierSpec.LAST)) {
            list.layer(layer++, new GlobalPoolingLayer.Builder(spec.pooling().equals(ClassifierSpec.MAX)
                    ? PoolingType.MAX : PoolingType.AVG).build());
        }
        OutputLayer.Builder out = new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                .activation(Activation.SOFTMAX).nIn(nIn).nOut(spec.classes());
        if (spec.dropout() > 0) {
            out.dropOut(keep);
        }
        list.layer(layer, out.build());
        return list.build();
    }

    public static MultiLayerNetwork create(ClassifierSpec spec) {
        MultiLayerNetwork net = new MultiLayerNetwork(configuration(spec));
        net.init();
        return net;
    }
}

package org.sparklstm.models.lm;

import org.deeplearning4j.nn.conf.BackpropType;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.distribution.NormalDistribution;
import org.deeplearning4j.nn.conf.distribution.UniformDistribution;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.deeplearning4j.nn.weights.WeightInitDistribution;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.sparklstm.models.nn.RecurrentCell;
import org.sparklstm.models.output.TiedEmbedding;
import org.sparklstm.models.output.TiedWeights;
import org.sparklstm.models.output.TokenSoftmax;
import org.sparklstm.models.nn.RecurrentLayers;
import org.sparklstm.models.nn.TrainingDefaults;

/** Builds the DL4J configuration of a {@link LanguageModelSpec} (never bidirectional: see the spec). */
public final class NetworkFactory {

    private NetworkFactory() {
    }

    public static MultiLayerConfiguration configuration(LanguageModelSpec spec) {
        return configuration(spec, LstmImplementation.FUSED);
    }

    public static MultiLayerConfiguration configuration(LanguageModelSpec spec, LstmImplementation lstm) {
        NeuralNetConfiguration.Builder base = TrainingDefaults.builder(spec.seed(), spec.learningRate(), spec.clipNorm());
        // DL4J's dropOut takes the probability of keeping an activation
        double keep = 1.0 - spec.dropout();
        NeuralNetConfiguration.ListBuilder list = base.list();
        int layer = 0;
        // embeddings drawn from N(0, 1), as PyTorch's nn.Embedding: Xavier's rows (std 0.1 here) feed the first
        // layer almost nothing, and the model learns markedly slower in its first epochs (BENCHMARKS.md)
        list.layer(layer++, spec.tiedWeights() ? new TiedEmbedding(spec.vocabularySize(), spec.embedding())
                : new EmbeddingSequenceLayer.Builder()
                .nIn(spec.vocabularySize()).nOut(spec.embedding())
                .weightInit(new WeightInitDistribution(new NormalDistribution(0, 1)))
                .outputDataFormat(RNNFormat.NCW).build());
        int nIn = spec.embedding();
        for (int i = 0; i < spec.layers(); i++) {
            list.layer(layer++, recurrentLayer(spec.cell(), lstm, nIn, spec.hidden(),
                    i > 0 && spec.dropout() > 0 ? keep : 0));
            nIn = spec.hidden();
        }
        list.layer(layer, outputLayer(spec, lstm, nIn, keep));
        if (spec.tbpttLength() > 0) {
            list.backpropType(BackpropType.TruncatedBPTT)
                    .tBPTTForwardLength(spec.tbpttLength())
                    .tBPTTBackwardLength(spec.tbpttLength());
        }
        return list.build();
    }

    /**
     * Our {@link TokenSoftmax}, which takes target ids; an all-DL4J network (the benchmarks' peers) gets DL4J's own
     * output layer, which takes one-hot targets.
     */
    private static Layer outputLayer(LanguageModelSpec spec, LstmImplementation lstm, int nIn, double keep) {
        if (lstm == LstmImplementation.DL4J) {
            if (spec.tiedWeights() || spec.softmax().kind() != SoftmaxSpec.Kind.FULL) {
                throw new IllegalArgumentException("DL4J's own layers have only the full softmax, and cannot tie the "
                        + "embedding to it");
            }
            RnnOutputLayer.Builder out = new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                    .activation(Activation.SOFTMAX).nIn(nIn).nOut(spec.vocabularySize()).dataFormat(RNNFormat.NCW)
                    .weightInit(softmaxInit(spec, nIn));
            return spec.dropout() > 0 ? out.dropOut(keep).build() : out.build();
        }
        TokenSoftmax.Builder out = new TokenSoftmax.Builder().samples(spec.softmax().samples())
                .cutoffs(spec.softmax().cutoffArray()).nIn(nIn).nOut(spec.vocabularySize()).weightInit(softmaxInit(spec, nIn));
        return spec.dropout() > 0 ? out.dropOut(keep).build() : out.build();
    }

    /**
     * Tied, the matrix is also the input embedding: U(-0.1, 0.1), as PyTorch's word language model initialises both.
     * Otherwise U(-1/sqrt(nIn), 1/sqrt(nIn)), PyTorch's Linear default: Xavier's columns (std 0.014 for 200 x 10,000)
     * start the logits so flat that a word model ends its first epoch at perplexity 268 instead of 227.
     */
    private static IWeightInit softmaxInit(LanguageModelSpec spec, int nIn) {
        double bound = spec.tiedWeights() ? 0.1 : 1.0 / Math.sqrt(nIn);
        return new WeightInitDistribution(new UniformDistribution(-bound, bound));
    }

    /**
     * One recurrent layer; keep is DL4J's dropOut keep probability on its input, 0 for none. The LSTM
     * implementation choice only matters for the LSTM cell.
     */
    private static Layer recurrentLayer(RecurrentCell cell, LstmImplementation lstm, int nIn, int hidden,
                                        double keep) {
        if (cell != RecurrentCell.LSTM || lstm == LstmImplementation.FUSED) {
            return RecurrentLayers.build(cell, false, nIn, hidden, keep, RNNFormat.NCW).layer();
        }
        LSTM.Builder b = new LSTM.Builder().nIn(nIn).nOut(hidden)
                .activation(Activation.TANH).forgetGateBiasInit(1.0).dataFormat(RNNFormat.NCW);
        return keep > 0 ? b.dropOut(keep).build() : b.build();
    }

    public static MultiLayerNetwork create(LanguageModelSpec spec) {
        return create(spec, LstmImplementation.FUSED);
    }

    public static MultiLayerNetwork create(LanguageModelSpec spec, LstmImplementation lstm) {
        MultiLayerNetwork net = new MultiLayerNetwork(configuration(spec, lstm));
        net.init();
        return TiedWeights.tie(net);
    }
}

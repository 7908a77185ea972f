package org.sparklstm.models.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.sparklstm.models.lm.MinibatchEncoder;
import org.sparklstm.models.lm.SequenceBlock;
import org.sparklstm.models.lstm.FusedLstm;

class TokenSoftmaxTest {

    private static final int V = 40;
    private static final SequenceBlock BLOCK = RandomWindows.of(V, 5, 7, 3);
    private static final int[] WINDOWS = {0, 1, 2, 3, 4};

    @Test
    void targetIdsGiveTheOneHotCrossEntropyAndItsGradients() {
        MultiLayerNetwork ids = network(new TokenSoftmax.Builder().nIn(6).nOut(V).build());
        MultiLayerNetwork oneHot = network(new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                .activation(Activation.SOFTMAX).nIn(6).nOut(V).dataFormat(RNNFormat.NCW).build());
        assertEquals(oneHot.params(), ids.params(), "same seeded initialisation");

        gradientAndScore(ids, MinibatchEncoder.encode(BLOCK, WINDOWS), 0);
        gradientAndScore(oneHot, MinibatchEncoder.encodeOneHot(BLOCK, WINDOWS, V), 0);

        assertEquals(oneHot.score(), ids.score(), 1e-10 * oneHot.score());
        assertClose(oneHot.getFlattenedGradients(), ids.getFlattenedGradients(), 1e-5);
        assertEquals(oneHot.output(MinibatchEncoder.features(BLOCK, WINDOWS)),
                ids.output(MinibatchEncoder.features(BLOCK, WINDOWS)));
    }

    @Test
    void sampledGradientIsTheGradientOfTheSampledLoss() {
        MultiLayerNetwork net = network(new TokenSoftmax.Builder().samples(12).nIn(6).nOut(V).build());
        DataSet ds = MinibatchEncoder.encode(BLOCK, WINDOWS);
        gradientAndScore(net, ds, 11);
        INDArray analytic = net.getFlattenedGradients().dup();
        INDArray params = net.params();
        Random pick = new Random(5);
        int zeros = 0;
        for (int check = 0; check < 40; check++) {
            int i = pick.nextInt((int) params.length());
            // DL4J's score divides the summed loss by the minibatch size; its gradient is the sum
            double numeric = CentralDifference.derivative(params, i, 1e-5, () -> gradientAndScore(net, ds, 11))
                    * WINDOWS.length;
            assertEquals(numeric, analytic.getDouble(i), 1e-6 + 1e-4 * Math.abs(numeric), "parameter " + i);
            zeros += analytic.getDouble(i) == 0 ? 1 : 0;
        }
        assertTrue(zeros > 0 && zeros < 40, "ids that are neither drawn nor targets get no gradient: " + zeros);
    }

    @Test
    void sampledTrainingScoresWithTheExactSoftmaxOutsideATrainingStep() {
        MultiLayerNetwork sampled = network(new TokenSoftmax.Builder().samples(12).nIn(6).nOut(V).build());
        MultiLayerNetwork full = network(new TokenSoftmax.Builder().nIn(6).nOut(V).build());
        DataSet ds = MinibatchEncoder.encode(BLOCK, WINDOWS);
        double sampledLoss = gradientAndScore(sampled, ds, 1);
        double exact = gradientAndScore(full, ds, 1);
        assertNotEquals(exact, sampledLoss, 1e-3, "a training step reports the loss it trained on");
        assertEquals(exact, sampled.score(ds), 1e-12);
        assertEquals(full.output(ds.getFeatures()), sampled.output(ds.getFeatures()));
    }

    private static double gradientAndScore(MultiLayerNetwork net, DataSet ds, long seed) {
        Nd4j.getRandom().setSeed(seed);
        net.setInput(ds.getFeatures());
        net.setLabels(ds.getLabels());
        net.computeGradientAndScore();
        return net.score();
    }

    /** Embedding -> one LSTM -> the given output layer, in double precision. */
    private static MultiLayerNetwork network(Layer output) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .seed(7).dataType(DataType.DOUBLE).weightInit(WeightInit.XAVIER).updater(new Sgd(0.1)).list()
                .layer(new EmbeddingSequenceLayer.Builder().nIn(V).nOut(5).outputDataFormat(RNNFormat.NCW).build())
                .layer(new FusedLstm.Builder().nIn(5).nOut(6).dataFormat(RNNFormat.NCW).build())
                .layer(output)
                .build());
        net.init();
        return net;
    }


    private static void assertClose(INDArray expected, INDArray actual, double tolerance) {
        double[] e = expected.toDoubleVector();
        double[] a = actual.toDoubleVector();
        assertEquals(e.length, a.length);
        for (int i = 0; i < e.length; i++) {
            assertEquals(e[i], a[i], tolerance * Math.max(1, Math.abs(e[i])), "element " + i);
        }
    }
}

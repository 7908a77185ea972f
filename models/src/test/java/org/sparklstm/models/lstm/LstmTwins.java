package org.sparklstm.models.lstm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Random;
import org.deeplearning4j.nn.conf.BackpropType;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Pairs of networks that differ only in DL4J's LSTM vs {@link FusedLstm}, with identical parameters. */
public final class LstmTwins {

    private LstmTwins() {
    }

    /** Stacked recurrent layers on dense features [N, nIn, T] followed by a softmax output layer. */
    record Shape(int nIn, int hidden, int layers, int nOut) {
    }

    static MultiLayerNetwork network(boolean fused, Shape shape, DataType type, IUpdater updater,
                                     double keepProbability, int tbptt) {
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder()
                .seed(42).dataType(type).weightInit(WeightInit.XAVIER).updater(updater).list();
        int nIn = shape.nIn();
        for (int i = 0; i < shape.layers(); i++) {
            list.layer(i, recurrent(fused, nIn, shape.hidden(), i > 0 ? keepProbability : 0));
            nIn = shape.hidden();
        }
        list.layer(shape.layers(), new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                .activation(Activation.SOFTMAX).nIn(nIn).nOut(shape.nOut()).dataFormat(RNNFormat.NCW).build());
        if (tbptt > 0) {
            list.backpropType(BackpropType.TruncatedBPTT).tBPTTForwardLength(tbptt).tBPTTBackwardLength(tbptt);
        }
        MultiLayerConfiguration conf = list.build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    private static Layer recurrent(boolean fused, int nIn, int hidden, double keep) {
        if (fused) {
            FusedLstm.Builder b = new FusedLstm.Builder().nIn(nIn).nOut(hidden).activation(Activation.TANH)
                    .forgetGateBiasInit(1.0).dataFormat(RNNFormat.NCW);
            return keep > 0 ? b.dropOut(keep).build() : b.build();
        }
        LSTM.Builder b = new LSTM.Builder().nIn(nIn).nOut(hidden).activation(Activation.TANH)
                .forgetGateBiasInit(1.0).dataFormat(RNNFormat.NCW);
        return keep > 0 ? b.dropOut(keep).build() : b.build();
    }

    /** [DL4J network, fused network] with the fused one holding a copy of the DL4J one's parameters. */
    static MultiLayerNetwork[] twins(Shape shape, DataType type, IUpdater updater, double keep, int tbptt) {
        MultiLayerNetwork dl4j = network(false, shape, type, updater, keep, tbptt);
        MultiLayerNetwork fused = network(true, shape, type, updater, keep, tbptt);
        // the (Xavier) init plus noise, so biases and every gate block differ; the fused net gets a copy
        INDArray noise = Nd4j.rand(new Random(3).nextLong(), dl4j.params().shape()).castTo(type).subi(0.5).muli(0.1);
        dl4j.setParams(dl4j.params().add(noise));
        fused.setParams(dl4j.params().dup());
        dl4j.initGradientsView();
        fused.initGradientsView();
        return new MultiLayerNetwork[] {dl4j, fused};
    }

    static MultiLayerNetwork[] twins(Shape shape, DataType type) {
        return twins(shape, type, new Sgd(0.1), 0, 0);
    }

    public static INDArray features(long seed, DataType type, int n, int nIn, int t) {
        return Nd4j.rand(seed, new long[] {n, nIn, t}).castTo(type).subi(0.5).muli(2.0);
    }

    public static INDArray oneHotLabels(long seed, DataType type, int n, int classes, int t) {
        Random r = new Random(seed);
        INDArray labels = Nd4j.zeros(type, n, classes, t);
        for (int i = 0; i < n; i++) {
            for (int s = 0; s < t; s++) {
                labels.putScalar(new long[] {i, r.nextInt(classes), s}, 1.0);
            }
        }
        return labels;
    }

    /** Element-wise |e-a| <= rel*|e| + absFloor, with absFloor relative to the largest magnitude. */
    public static void assertClose(String what, INDArray expected, INDArray actual, double rel, double absFloorRel) {
        assertArrayEquals(expected.shape(), actual.shape(), what + ": shape");
        double[] e = expected.dup('c').data().asDouble();
        double[] a = actual.dup('c').data().asDouble();
        double maxAbs = 0;
        for (double v : e) {
            maxAbs = Math.max(maxAbs, Math.abs(v));
        }
        double floor = absFloorRel * Math.max(maxAbs, 1e-30);
        for (int i = 0; i < e.length; i++) {
            if (!(Math.abs(e[i] - a[i]) <= rel * Math.abs(e[i]) + floor)) {
                fail(what + ": element " + i + " expected " + e[i] + " but was " + a[i] + " (max |expected| "
                        + maxAbs + ")");
            }
        }
    }
}

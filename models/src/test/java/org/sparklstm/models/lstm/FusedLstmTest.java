package org.sparklstm.models.lstm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sparklstm.models.lstm.LstmTwins.assertClose;
import static org.sparklstm.models.lstm.LstmTwins.features;
import static org.sparklstm.models.lstm.LstmTwins.oneHotLabels;

import java.io.File;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.layers.RecurrentLayer;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.learning.config.Sgd;
import org.sparklstm.models.lm.LanguageModelSpec;
import org.sparklstm.models.lm.LstmImplementation;
import org.sparklstm.models.lm.NetworkFactory;
import org.sparklstm.models.lm.NetworkTest;
import org.sparklstm.models.lm.SequenceBlock;
import org.sparklstm.models.train.MinibatchFitter;
import org.sparklstm.models.train.MinibatchPlan;

class FusedLstmTest {

    private static final LstmTwins.Shape SMALL = new LstmTwins.Shape(5, 6, 2, 7);
    private static final LstmTwins.Shape REAL = new LstmTwins.Shape(64, 256, 2, 80);

    @Test
    void forwardMatchesDl4jLstmOnSmallShapes() {
        MultiLayerNetwork[] nets = LstmTwins.twins(SMALL, DataType.FLOAT);
        INDArray x = features(1, DataType.FLOAT, 3, 5, 9);
        assertInstanceOf(FusedLstmLayer.class, nets[1].getLayer(0));
        assertClose("output", nets[0].output(x), nets[1].output(x), 1e-5, 1e-6);
        for (int layer = 0; layer < 2; layer++) {
            assertClose("activations of layer " + layer, nets[0].feedForward(x).get(layer + 1),
                    nets[1].feedForward(x).get(layer + 1), 1e-5, 1e-6);
        }
    }

    @Test
    void forwardMatchesDl4jLstmOnRealShapes() {
        MultiLayerNetwork[] nets = LstmTwins.twins(REAL, DataType.FLOAT);
        INDArray x = features(2, DataType.FLOAT, 64, 64, 100);
        assertClose("LSTM activations", nets[0].feedForward(x).get(2), nets[1].feedForward(x).get(2), 1e-5, 1e-5);
        assertClose("output", nets[0].output(x), nets[1].output(x), 1e-5, 1e-6);
    }

    @Test
    void fullBpttGradientsAndInputEpsilonMatchDl4j() {
        for (LstmTwins.Shape shape : new LstmTwins.Shape[] {SMALL, REAL}) {
            MultiLayerNetwork[] nets = LstmTwins.twins(shape, DataType.FLOAT);
            int n = shape == SMALL ? 3 : 16;
            int t = shape == SMALL ? 8 : 100;
            INDArray x = features(4, DataType.FLOAT, n, shape.nIn(), t);
            INDArray y = oneHotLabels(5, DataType.FLOAT, n, shape.nOut(), t);
            Pair<Gradient, INDArray> expected = nets[0].calculateGradients(x, y, null, null);
            Map<String, INDArray> expectedGrads = copy(expected.getFirst());
            INDArray expectedEps = expected.getSecond().dup();
            Pair<Gradient, INDArray> actual = nets[1].calculateGradients(x, y, null, null);
            assertGradientsClose(expectedGrads, actual.getFirst(), 1e-4);
            assertClose("input epsilon " + shape, expectedEps, actual.getSecond(), 1e-4, 1e-5);
        }
    }

    @Test
    void truncatedBpttStepMatchesDl4jWithCarriedState() {
        // layer level: a stored state from a previous segment, backprop through only the last 4 of 9 steps
        MultiLayerNetwork[] nets = LstmTwins.twins(SMALL, DataType.FLOAT);
        int n = 3;
        int t = 9;
        INDArray x = features(6, DataType.FLOAT, n, SMALL.nIn(), t);
        INDArray eps = features(7, DataType.FLOAT, n, SMALL.hidden(), t);
        Map<String, INDArray> state = new HashMap<>();
        state.put("prevAct", features(8, DataType.FLOAT, n, SMALL.hidden(), 1).reshape(n, SMALL.hidden()));
        state.put("prevMem", features(9, DataType.FLOAT, n, SMALL.hidden(), 1).reshape(n, SMALL.hidden()).muli(2));
        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();

        Object[] results = new Object[2];
        for (int i = 0; i < 2; i++) {
            Layer layer = nets[i].getLayer(0);
            RecurrentLayer rnn = (RecurrentLayer) layer;
            rnn.rnnSetPreviousState(state);
            rnn.rnnSetTBPTTState(state);
            INDArray out = rnn.rnnActivateUsingStoredState(x.dup(), true, true, mgr).dup();
            Pair<Gradient, INDArray> p = rnn.tbpttBackpropGradient(eps.dup(), 4, mgr);
            results[i] = new Object[] {out, copy(p.getFirst()), p.getSecond().dup(),
                    rnn.rnnGetTBPTTState().get("prevAct").dup(), rnn.rnnGetTBPTTState().get("prevMem").dup()};
        }
        Object[] e = (Object[]) results[0];
        Object[] a = (Object[]) results[1];
        assertClose("output", (INDArray) e[0], (INDArray) a[0], 1e-5, 1e-6);
        assertGradientsClose(castMap(e[1]), gradientOf(castMap(a[1])), 1e-4);
        INDArray epsOut = (INDArray) a[2];
        assertClose("input epsilon", (INDArray) e[2], epsOut, 1e-4, 1e-5);
        assertEquals(0.0, epsOut.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, 5))
                .amaxNumber().doubleValue(), "no epsilon before the truncation point");
        assertTrue(epsOut.amaxNumber().doubleValue() > 0);
        assertClose("stored activation", (INDArray) e[3], (INDArray) a[3], 1e-5, 1e-6);
        assertClose("stored memory cell", (INDArray) e[4], (INDArray) a[4], 1e-5, 1e-6);
    }

    @Test
    void truncatedBpttTrainingWithDropoutMatchesDl4j() {
        // network level: 3 segments of 3, 3 and 2 steps, state carried across them, dropout on the second LSTM;
        // with plain SGD equal parameters after fitting means equal gradients on every segment
        MultiLayerNetwork[] nets = LstmTwins.twins(SMALL, DataType.FLOAT, new Sgd(0.5), 0.7, 3);
        DataSet data = new DataSet(features(10, DataType.FLOAT, 4, SMALL.nIn(), 8),
                oneHotLabels(11, DataType.FLOAT, 4, SMALL.nOut(), 8));
        INDArray start = nets[0].params().dup();
        for (int epoch = 0; epoch < 3; epoch++) {
            for (MultiLayerNetwork net : nets) {
                Nd4j.getRandom().setSeed(100 + epoch);
                net.fit(data);
            }
            assertClose("parameters after epoch " + epoch, nets[0].params(), nets[1].params(), 1e-4, 1e-5);
        }
        assertTrue(nets[0].params().sub(start).amaxNumber().doubleValue() > 1e-3, "training moved the parameters");
    }

    @Test
    void numericGradientCheckInDoublePrecision() {
        DataType previous = Nd4j.dataType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        try {
            MultiLayerNetwork net = LstmTwins.network(true, new LstmTwins.Shape(3, 4, 2, 3), DataType.DOUBLE,
                    new NoOp(), 0, 0);
            net.setParams(Nd4j.rand(DataType.DOUBLE, net.params().shape()).subi(0.5));
            INDArray x = features(12, DataType.DOUBLE, 2, 3, 5);
            INDArray y = oneHotLabels(13, DataType.DOUBLE, 2, 3, 5);
            boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(net).input(x)
                    .labels(y).epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-9));
            assertTrue(ok, "analytic gradients agree with central differences");
        } finally {
            Nd4j.setDefaultDataTypes(previous, previous);
        }
    }

    @Test
    void configurationJsonAndModelSerializerRoundTrip(@TempDir Path dir) throws Exception {
        MultiLayerNetwork net = LstmTwins.twins(SMALL, DataType.FLOAT)[1];
        MultiLayerConfiguration conf = net.getLayerWiseConfigurations();
        String json = conf.toJson();
        assertTrue(json.contains("FusedLstm"), json);
        assertEquals(conf, MultiLayerConfiguration.fromJson(json));

        File file = dir.resolve("net.zip").toFile();
        ModelSerializer.writeModel(net, file, true);
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(file, true);
        assertInstanceOf(FusedLstmLayer.class, restored.getLayer(1));
        assertEquals(net.params(), restored.params());
        assertEquals(net.getUpdater().getStateViewArray(), restored.getUpdater().getStateViewArray());
        INDArray x = features(14, DataType.FLOAT, 2, SMALL.nIn(), 6);
        assertEquals(net.output(x), restored.output(x));
    }

    @Test
    void rnnTimeStepEqualsFullForwardStepByStep() {
        MultiLayerNetwork[] nets = LstmTwins.twins(SMALL, DataType.FLOAT);
        int t = 7;
        INDArray x = features(15, DataType.FLOAT, 2, SMALL.nIn(), t);
        INDArray full = nets[1].output(x);
        for (MultiLayerNetwork net : nets) {
            net.rnnClearPreviousState();
        }
        for (int s = 0; s < t; s++) {
            INDArray step = x.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(s, s + 1)).dup();
            INDArray fused = nets[1].rnnTimeStep(step);
            INDArray dl4j = nets[0].rnnTimeStep(step);
            INDArray expected = full.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(s, s + 1));
            assertClose("step " + s + " vs full forward", expected, fused, 1e-5, 1e-6);
            assertClose("step " + s + " vs DL4J rnnTimeStep", dl4j, fused, 1e-5, 1e-6);
        }
        // two half sequences continue from the stored state too
        nets[1].rnnClearPreviousState();
        INDArray first = nets[1].rnnTimeStep(x.get(NDArrayIndex.all(), NDArrayIndex.all(),
                NDArrayIndex.interval(0, 3)).dup());
        INDArray rest = nets[1].rnnTimeStep(x.get(NDArrayIndex.all(), NDArrayIndex.all(),
                NDArrayIndex.interval(3, t)).dup());
        assertClose("chunked", full, Nd4j.concat(2, first, rest), 1e-5, 1e-6);
    }

    @Test
    void featureMaskIsRejectedNotIgnored() {
        MultiLayerNetwork net = LstmTwins.twins(SMALL, DataType.FLOAT)[1];
        INDArray x = features(16, DataType.FLOAT, 2, SMALL.nIn(), 4);
        INDArray mask = Nd4j.ones(DataType.FLOAT, 2, 4);
        assertThrows(UnsupportedOperationException.class, () -> net.output(x, false, mask, null));
    }

    @Test
    void factoryNetworksWithEitherLstmStartEqualAndTrainAlike() {
        // the project's network: embedding, 2 LSTMs, truncated BPTT shorter than the sequence, and each with its own
        // output layer (ids against one-hot targets); without dropout, which the two output layers draw in different
        // orders
        LanguageModelSpec spec = new LanguageModelSpec(NetworkTest.VOCAB, 8, 2, 16, 0.0, 0.05, 5.0, 4, 7);
        MultiLayerNetwork dl4j = NetworkFactory.create(spec, LstmImplementation.DL4J);
        MultiLayerNetwork fused = NetworkFactory.create(spec);
        assertInstanceOf(FusedLstmLayer.class, fused.getLayer(1));
        assertEquals(dl4j.params(), fused.params(), "same seeded initialisation");
        SequenceBlock block = NetworkTest.randomBlock(6, 11, 3);
        for (int epoch = 0; epoch < 2; epoch++) {
            for (MultiLayerNetwork net : new MultiLayerNetwork[] {dl4j, fused}) {
                Nd4j.getRandom().setSeed(epoch);
                MinibatchFitter.fit(net, block, MinibatchPlan.shuffled(6, 3, 1, epoch, 0), 0, 2,
                        NetworkTest.VOCAB, 4, 1);
            }
            assertClose("parameters after epoch " + epoch, dl4j.params(), fused.params(), 1e-4, 1e-5);
        }
    }

    private static Map<String, INDArray> copy(Gradient gradient) {
        Map<String, INDArray> out = new HashMap<>();
        gradient.gradientForVariable().forEach((k, v) -> out.put(k, v.dup()));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, INDArray> castMap(Object o) {
        return (Map<String, INDArray>) o;
    }

    private static Gradient gradientOf(Map<String, INDArray> grads) {
        Gradient g = new org.deeplearning4j.nn.gradient.DefaultGradient();
        grads.forEach((k, v) -> g.gradientForVariable().put(k, v));
        return g;
    }

    private static void assertGradientsClose(Map<String, INDArray> expected, Gradient actual, double rel) {
        assertEquals(expected.keySet(), actual.gradientForVariable().keySet());
        for (Map.Entry<String, INDArray> e : expected.entrySet()) {
            assertClose("gradient " + e.getKey(), e.getValue(), actual.gradientForVariable().get(e.getKey()),
                    rel, 1e-5);
        }
    }
}

package org.sparklstm.models.gru;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.sparklstm.models.lstm.LstmTwins.assertClose;
import static org.sparklstm.models.lstm.LstmTwins.features;
import static org.sparklstm.models.lstm.LstmTwins.oneHotLabels;

import java.io.File;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
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
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Sgd;
import org.sparklstm.models.nn.CellNetworks;
import org.sparklstm.models.nn.RecurrentCell;
import org.sparklstm.models.nn.RecurrentLayers;

class GruTest {

    private static final int NIN = 2;
    private static final int HIDDEN = 3;

    /** One double-precision GRU layer with uniform [-1, 1) parameters (so gates are far from 0.5) and a softmax. */
    private static MultiLayerNetwork singleLayer(long seed) {
        MultiLayerNetwork net = CellNetworks.perStep(RecurrentCell.GRU, false, DataType.DOUBLE, NIN, HIDDEN, 1, 3,
                new Sgd(0.1), 0);
        net.setParams(Nd4j.rand(seed, net.params().shape()).castTo(DataType.DOUBLE).subi(0.5).muli(2));
        net.initGradientsView();
        return net;
    }

    private static GruReference.Params referenceParams(MultiLayerNetwork net) {
        return GruReference.Params.of(net.getParam("0_W"), net.getParam("0_RW"), net.getParam("0_b"));
    }

    @Test
    void forwardMatchesPlainJavaEquations() {
        MultiLayerNetwork net = singleLayer(1);
        INDArray x = features(2, DataType.DOUBLE, 3, NIN, 6);
        assertInstanceOf(GruLayer.class, net.getLayer(0));
        INDArray actual = net.feedForward(x).get(1);
        double[][][] expected = GruReference.run(referenceParams(net), GruReference.toArray3(x), null);
        assertClose("GRU output", Nd4j.create(expected), actual, 1e-12, 1e-14);
        // the outputs move: not a vacuous comparison of zeros
        assertTrue(actual.amaxNumber().doubleValue() > 0.1);
    }

    @Test
    void gateOrderAndResetAfterFormArePinnedByHand() {
        // one unit, one input, one step from h0 = 0.5: only the gate order and the form of n decide the value
        MultiLayerNetwork net = CellNetworks.perStep(RecurrentCell.GRU, false, DataType.DOUBLE, 1, 1, 1, 2,
                new Sgd(0.1), 0);
        net.getParam("0_W").assign(Nd4j.createFromArray(new double[][] {{0.3, -0.2, 0.7}}));
        net.getParam("0_RW").assign(Nd4j.createFromArray(new double[][] {{0.5, 0.4, -0.6}}));
        net.getParam("0_b").assign(Nd4j.createFromArray(new double[][] {{0.1, 0.2, -0.3}}));
        RecurrentLayer layer = (RecurrentLayer) net.getLayer(0);
        layer.rnnSetPreviousState(Map.of(GruLayer.STATE_KEY_PREV_ACTIVATION, Nd4j.createFromArray(new double[][] {{0.5}})));
        INDArray out = layer.rnnTimeStep(Nd4j.createFromArray(new double[][][] {{{2.0}}}), LayerWorkspaceMgr.noWorkspaces());
        double r = 1 / (1 + Math.exp(-(0.3 * 2 + 0.1 + 0.5 * 0.5)));
        double z = 1 / (1 + Math.exp(-(-0.2 * 2 + 0.2 + 0.4 * 0.5)));
        double n = Math.tanh(0.7 * 2 - 0.3 + r * (-0.6 * 0.5));
        assertEquals((1 - z) * n + z * 0.5, out.getDouble(0, 0, 0), 1e-14);
    }

    @Test
    void floatLayerOnLargerShapesMatchesTheEquationsAndTheDoubleGradients() {
        // shapes where every buffer spans many rows and steps; the double network serves as the reference
        MultiLayerNetwork single = CellNetworks.perStep(RecurrentCell.GRU, false, DataType.FLOAT, 16, 64, 1, 7,
                new Sgd(0.1), 0);
        MultiLayerNetwork twin = CellNetworks.perStep(RecurrentCell.GRU, false, DataType.DOUBLE, 16, 64, 1, 7,
                new Sgd(0.1), 0);
        twin.setParams(single.params().castTo(DataType.DOUBLE));
        INDArray x = features(20, DataType.FLOAT, 8, 16, 30);
        double[][][] expected = GruReference.run(GruReference.Params.of(twin.getParam("0_W"), twin.getParam("0_RW"),
                twin.getParam("0_b")), GruReference.toArray3(x), null);
        assertClose("float GRU output", Nd4j.create(expected), single.feedForward(x).get(1), 1e-4, 1e-5);

        INDArray y = oneHotLabels(21, DataType.FLOAT, 8, 7, 30);
        Pair<Gradient, INDArray> f = single.calculateGradients(x, y, null, null);
        Pair<Gradient, INDArray> d = twin.calculateGradients(x.castTo(DataType.DOUBLE), y.castTo(DataType.DOUBLE),
                null, null);
        for (String key : new String[] {"0_W", "0_RW", "0_b"}) {
            assertClose("gradient " + key, d.getFirst().getGradientFor(key), f.getFirst().getGradientFor(key)
                    .castTo(DataType.DOUBLE), 1e-3, 1e-4);
        }
        assertClose("input epsilon", d.getSecond(), f.getSecond().castTo(DataType.DOUBLE), 1e-3, 1e-4);
    }

    @Test
    void nwcInputGivesTheNcwOutputTransposed() {
        MultiLayerNetwork ncw = CellNetworks.perStep(RecurrentCell.GRU, false, DataType.DOUBLE, 3, 5, 1, 4,
                new Sgd(0.1), 0);
        org.deeplearning4j.nn.conf.NeuralNetConfiguration.ListBuilder list =
                new org.deeplearning4j.nn.conf.NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE).list()
                        .layer(RecurrentLayers.build(RecurrentCell.GRU, false, 3, 5, 0,
                                org.deeplearning4j.nn.conf.RNNFormat.NWC).layer())
                        .layer(new org.deeplearning4j.nn.conf.layers.RnnOutputLayer.Builder()
                                .activation(org.nd4j.linalg.activations.Activation.SOFTMAX).nIn(5).nOut(4)
                                .dataFormat(org.deeplearning4j.nn.conf.RNNFormat.NWC).build());
        MultiLayerNetwork nwc = new MultiLayerNetwork(list.build());
        nwc.init();
        nwc.setParams(ncw.params());
        INDArray x = features(22, DataType.DOUBLE, 2, 3, 6);
        assertClose("NWC = NCW permuted", ncw.feedForward(x).get(1).permute(0, 2, 1),
                nwc.feedForward(x.permute(0, 2, 1).dup()).get(1), 1e-12, 1e-14);
    }

    @Test
    void rnnTimeStepStepByStepAndInChunksEqualsFullForward() {
        MultiLayerNetwork net = CellNetworks.perStep(RecurrentCell.GRU, false, DataType.FLOAT, 4, 6, 2, 5,
                new Sgd(0.1), 0);
        int t = 7;
        INDArray x = features(3, DataType.FLOAT, 2, 4, t);
        INDArray full = net.output(x);
        net.rnnClearPreviousState();
        for (int s = 0; s < t; s++) {
            INDArray step = net.rnnTimeStep(x.get(NDArrayIndex.all(), NDArrayIndex.all(),
                    NDArrayIndex.interval(s, s + 1)).dup());
            assertClose("step " + s, full.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(s, s + 1)),
                    step, 1e-5, 1e-6);
        }
        net.rnnClearPreviousState();
        INDArray first = net.rnnTimeStep(x.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, 3)).dup());
        INDArray rest = net.rnnTimeStep(x.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(3, t)).dup());
        assertClose("chunked", full, Nd4j.concat(2, first, rest), 1e-5, 1e-6);
    }

    @Test
    void truncatedBpttStartsFromTheCarriedStateAndGivesTheTruncatedGradient() {
        int n = 2;
        int t = 6;
        MultiLayerNetwork net = singleLayer(4);
        GruReference.Params p = referenceParams(net);
        double[][][] x = GruReference.toArray3(features(5, DataType.DOUBLE, n, NIN, t));
        double[][][] eps = GruReference.toArray3(features(6, DataType.DOUBLE, n, HIDDEN, t));
        double[][] h0 = features(7, DataType.DOUBLE, n, HIDDEN, 1).reshape(n, HIDDEN).toDoubleMatrix();
        for (int backLength : new int[] {t, 4}) {
            RecurrentLayer layer = (RecurrentLayer) net.getLayer(0);
            Map<String, INDArray> state = new HashMap<>();
            state.put(GruLayer.STATE_KEY_PREV_ACTIVATION, Nd4j.createFromArray(h0));
            layer.rnnSetTBPTTState(state);
            LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
            INDArray out = layer.rnnActivateUsingStoredState(Nd4j.create(x), true, true, mgr).dup();
            double[][][] expectedOut = GruReference.run(p, x, h0);
            assertClose("output from the carried state", Nd4j.create(expectedOut), out, 1e-12, 1e-14);
            assertClose("stored state = last output", out.get(NDArrayIndex.all(), NDArrayIndex.all(),
                    NDArrayIndex.point(t - 1)), layer.rnnGetTBPTTState().get(GruLayer.STATE_KEY_PREV_ACTIVATION),
                    1e-12, 1e-14);

            Pair<Gradient, INDArray> g = layer.tbpttBackpropGradient(Nd4j.create(eps), backLength, mgr);
            int first = t - backLength;
            // the truncated objective: steps [first, T) from h_{first-1} taken as a constant
            double[][] hStart = first == 0 ? h0 : lastStep(GruReference.run(p, slice(x, 0, first), h0));
            double[][][] xTail = slice(x, first, t);
            double[][][] epsTail = slice(eps, first, t);
            Objective loss = q -> GruReference.weightedSum(GruReference.run(q, xTail, hStart), epsTail, 0);
            assertMatchesNumeric("W (back " + backLength + ")", p, loss, 'W', g.getFirst().getGradientFor("W"));
            assertMatchesNumeric("RW (back " + backLength + ")", p, loss, 'R', g.getFirst().getGradientFor("RW"));
            assertMatchesNumeric("b (back " + backLength + ")", p, loss, 'b', g.getFirst().getGradientFor("b"));
            INDArray epsOut = g.getSecond();
            for (int e = 0; e < n; e++) {
                for (int i = 0; i < NIN; i++) {
                    for (int s = 0; s < t; s++) {
                        double expected = s < first ? 0 : numericInputGradient(p, xTail, hStart, epsTail, e, i, s - first);
                        assertEquals(expected, epsOut.getDouble(e, i, s), 1e-7 + 1e-6 * Math.abs(expected),
                                "input epsilon [" + e + "," + i + "," + s + "] (back " + backLength + ")");
                    }
                }
            }
        }
    }

    @Test
    void truncatedBpttTrainingLearnsOnLongSequences() {
        MultiLayerNetwork net = CellNetworks.perStep(RecurrentCell.GRU, false, DataType.FLOAT, 3, 8, 2, 3,
                new Adam(0.02), 3);
        // target at each step: the input's argmax one step earlier, which needs the carried state
        int n = 8;
        int t = 9;
        INDArray x = Nd4j.zeros(DataType.FLOAT, n, 3, t);
        INDArray y = Nd4j.zeros(DataType.FLOAT, n, 3, t);
        java.util.Random random = new java.util.Random(8);
        for (int e = 0; e < n; e++) {
            int previous = 0;
            for (int s = 0; s < t; s++) {
                int c = random.nextInt(3);
                x.putScalar(new long[] {e, c, s}, 1.0);
                y.putScalar(new long[] {e, previous, s}, 1.0);
                previous = c;
            }
        }
        DataSet data = new DataSet(x, y);
        double before = net.score(data);
        for (int i = 0; i < 150; i++) {
            net.fit(data);
        }
        double after = net.score(data);
        assertTrue(after < 0.5 * before, "loss " + before + " -> " + after);
    }

    @Test
    void configurationJsonAndModelSerializerRoundTrip(@TempDir Path dir) throws Exception {
        MultiLayerNetwork net = CellNetworks.perStep(RecurrentCell.GRU, false, DataType.FLOAT, 4, 6, 2, 5,
                new Adam(0.01), 0);
        net.fit(new DataSet(features(9, DataType.FLOAT, 3, 4, 5), oneHotLabels(10, DataType.FLOAT, 3, 5, 5)));
        MultiLayerConfiguration conf = net.getLayerWiseConfigurations();
        String json = conf.toJson();
        assertTrue(json.contains("org.sparklstm.models.gru.Gru"), json);
        assertEquals(conf, MultiLayerConfiguration.fromJson(json));

        File file = dir.resolve("net.zip").toFile();
        ModelSerializer.writeModel(net, file, true);
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(file, true);
        assertInstanceOf(GruLayer.class, restored.getLayer(1));
        assertEquals(net.params(), restored.params());
        assertEquals(net.getUpdater().getStateViewArray(), restored.getUpdater().getStateViewArray());
        INDArray x = features(11, DataType.FLOAT, 2, 4, 6);
        assertEquals(net.output(x), restored.output(x));
    }

    /**
     * Example 0 unpadded, 1 padded at the end, 2 padded at the start (as the backward copy inside Bidirectional
     * reads an end-padded text): each must give, on its real steps, the outputs, parameter gradients and input
     * epsilons of the sequence alone; masked steps output zero and get a zero input epsilon, whatever epsilon
     * arrives there.
     */
    @Test
    void maskedStepsOutputZeroCarryZeroAndTakeNoGradient() {
        MultiLayerNetwork net = singleLayer(3);
        GruLayer layer = (GruLayer) net.getLayer(0);
        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
        int t = 6;
        int[][] real = {{0, 6}, {0, 4}, {3, 6}};
        INDArray x = features(5, DataType.DOUBLE, 3, NIN, t);
        INDArray eps = Nd4j.rand(7, new long[] {3, HIDDEN, t}).castTo(DataType.DOUBLE).subi(0.5);
        INDArray mask = Nd4j.zeros(DataType.DOUBLE, 3, t);
        for (int i = 0; i < 3; i++) {
            mask.get(NDArrayIndex.point(i), NDArrayIndex.interval(real[i][0], real[i][1])).assign(1);
        }
        INDArray maskedOut = layer.feedForwardMaskArray(mask, null, 3).getFirst();
        assertTrue(maskedOut == mask, "the mask is passed on unchanged");
        INDArray out = layer.activate(x, true, mgr).dup();
        Pair<Gradient, INDArray> batch = layer.backpropGradient(eps, mgr);
        Map<String, INDArray> batchGradients = new HashMap<>();
        batch.getFirst().gradientForVariable().forEach((k, v) -> batchGradients.put(k, v.dup()));
        INDArray epsIn = batch.getSecond().dup();
        assertEquals(3, batchGradients.size());

        layer.feedForwardMaskArray(null, null, 1);
        Map<String, INDArray> sums = new HashMap<>();
        for (int i = 0; i < 3; i++) {
            INDArray xi = x.get(NDArrayIndex.interval(i, i + 1), NDArrayIndex.all(), NDArrayIndex.interval(real[i][0], real[i][1])).dup();
            INDArray outI = layer.activate(xi, true, mgr).dup();
            assertClose("output " + i, outI, out.get(NDArrayIndex.interval(i, i + 1), NDArrayIndex.all(),
                    NDArrayIndex.interval(real[i][0], real[i][1])), 1e-10, 1e-12);
            Pair<Gradient, INDArray> alone = layer.backpropGradient(eps.get(NDArrayIndex.interval(i, i + 1),
                    NDArrayIndex.all(), NDArrayIndex.interval(real[i][0], real[i][1])).dup(), mgr);
            alone.getFirst().gradientForVariable().forEach((k, v) -> sums.merge(k, v.dup(), INDArray::add));
            assertClose("input epsilon " + i, alone.getSecond(), epsIn.get(NDArrayIndex.interval(i, i + 1),
                    NDArrayIndex.all(), NDArrayIndex.interval(real[i][0], real[i][1])), 1e-10, 1e-12);
        }
        INDArray off = mask.rsub(1.0);
        for (int i = 0; i < 3; i++) {
            for (int s = 0; s < t; s++) {
                if (off.getDouble(i, s) == 1.0) {
                    for (int u = 0; u < HIDDEN; u++) {
                        assertEquals(0.0, out.getDouble(i, u, s), 0.0, "output at masked step " + i + "," + s);
                    }
                    for (int u = 0; u < NIN; u++) {
                        assertEquals(0.0, epsIn.getDouble(i, u, s), 0.0, "input epsilon at masked step " + i + "," + s);
                    }
                }
            }
        }
        for (String key : sums.keySet()) {
            assertClose("gradient " + key, sums.get(key), batchGradients.get(key), 1e-10, 1e-12);
        }
        assertTrue(sums.get("W").amaxNumber().doubleValue() > 1e-3, "gradients are not all zero");
    }

    @Test
    void aMaskThatDoesNotFitTheInputIsRefused() {
        MultiLayerNetwork net = CellNetworks.perStep(RecurrentCell.GRU, false, DataType.FLOAT, 4, 6, 1, 5,
                new Sgd(0.1), 0);
        INDArray x = features(12, DataType.FLOAT, 2, 4, 4);
        assertThrows(RuntimeException.class, () -> net.output(x, false, Nd4j.ones(DataType.FLOAT, 2, 3), null));
    }

    private interface Objective {
        double value(GruReference.Params p);
    }

    /** Central differences of the objective for every entry of W ('W'), RW ('R') or b ('b'). */
    private static void assertMatchesNumeric(String what, GruReference.Params p, Objective loss, char which,
                                             INDArray analytic) {
        double[][] matrix = which == 'W' ? p.w() : which == 'R' ? p.rw() : new double[][] {p.b()};
        double h = 1e-6;
        for (int i = 0; i < matrix.length; i++) {
            for (int j = 0; j < matrix[i].length; j++) {
                GruReference.Params plus = p.copy();
                GruReference.Params minus = p.copy();
                entry(plus, which)[i][j] += h;
                entry(minus, which)[i][j] -= h;
                double numeric = (loss.value(plus) - loss.value(minus)) / (2 * h);
                double actual = analytic.getDouble(i, j);
                if (Math.abs(numeric - actual) > 1e-7 + 1e-6 * Math.abs(numeric)) {
                    fail(what + "[" + i + "," + j + "]: numeric " + numeric + " analytic " + actual);
                }
            }
        }
    }

    private static double[][] entry(GruReference.Params p, char which) {
        return which == 'W' ? p.w() : which == 'R' ? p.rw() : new double[][] {p.b()};
    }

    private static double numericInputGradient(GruReference.Params p, double[][][] x, double[][] h0,
                                               double[][][] eps, int e, int i, int s) {
        double h = 1e-6;
        double keep = x[e][i][s];
        x[e][i][s] = keep + h;
        double plus = GruReference.weightedSum(GruReference.run(p, x, h0), eps, 0);
        x[e][i][s] = keep - h;
        double minus = GruReference.weightedSum(GruReference.run(p, x, h0), eps, 0);
        x[e][i][s] = keep;
        return (plus - minus) / (2 * h);
    }

    private static double[][][] slice(double[][][] a, int from, int to) {
        double[][][] out = new double[a.length][a[0].length][to - from];
        for (int e = 0; e < a.length; e++) {
            for (int j = 0; j < a[e].length; j++) {
                System.arraycopy(a[e][j], from, out[e][j], 0, to - from);
            }
        }
        return out;
    }

    private static double[][] lastStep(double[][][] out) {
        double[][] last = new double[out.length][out[0].length];
        for (int e = 0; e < out.length; e++) {
            for (int j = 0; j < out[e].length; j++) {
                last[e][j] = out[e][j][out[e][j].length - 1];
            }
        }
        return last;
    }
}

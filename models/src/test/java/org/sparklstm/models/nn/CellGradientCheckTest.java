package org.sparklstm.models.nn;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sparklstm.models.lstm.LstmTwins.features;
import static org.sparklstm.models.lstm.LstmTwins.oneHotLabels;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.sparklstm.models.layers.OwnRecurrentLayer;

/**
 * Analytic gradients of every cell, plain and bidirectional, agree with central differences in double precision,
 * for the language model's shape (two recurrent layers, softmax per step) and the forecaster's (LastTimeStep, MSE).
 */
class CellGradientCheckTest {

    private static DataType previous;

    @BeforeAll
    static void doublePrecision() {
        previous = Nd4j.dataType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    @AfterAll
    static void restorePrecision() {
        Nd4j.setDefaultDataTypes(previous, previous);
    }

    static Stream<Arguments> cells() {
        return Stream.of(RecurrentCell.values()).flatMap(c -> Stream.of(Arguments.of(c, false), Arguments.of(c, true)));
    }

    @ParameterizedTest(name = "{0} bidirectional={1}")
    @MethodSource("cells")
    void perStepNetwork(RecurrentCell cell, boolean bidirectional) {
        MultiLayerNetwork net = CellNetworks.perStep(cell, bidirectional, DataType.DOUBLE, 3, 4, 2, 3, new NoOp(), 0);
        randomise(net, 21);
        INDArray x = features(22, DataType.DOUBLE, 2, 3, 5);
        INDArray y = oneHotLabels(23, DataType.DOUBLE, 2, 3, 5);
        assertTrue(check(net, x, y), cell + " bidirectional=" + bidirectional + ": analytic = numeric gradients");
    }

    @ParameterizedTest(name = "{0} bidirectional={1}")
    @MethodSource("cells")
    void lastStepNetwork(RecurrentCell cell, boolean bidirectional) {
        MultiLayerNetwork net = CellNetworks.lastStep(cell, bidirectional, DataType.DOUBLE, 3, 4, 2, 2, new NoOp());
        randomise(net, 31);
        INDArray x = features(32, DataType.DOUBLE, 2, 3, 5);
        INDArray y = Nd4j.rand(DataType.DOUBLE, 2, 2).subi(0.5);
        assertTrue(check(net, x, y), cell + " bidirectional=" + bidirectional + ": analytic = numeric gradients");
    }

    /** Stateful training: the gradient of a window whose pass starts from a carried state (which gets none). */
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = RecurrentCell.class, names = {"LSTM", "GRU"})
    void perStepNetworkFromACarriedState(RecurrentCell cell) {
        MultiLayerNetwork net = CellNetworks.perStep(cell, false, DataType.DOUBLE, 3, 4, 2, 3, new NoOp(), 0);
        randomise(net, 41);
        long seed = 42;
        for (Layer layer : net.getLayers()) {
            if (layer instanceof OwnRecurrentLayer<?, ?> own) {
                Map<String, INDArray> state = new HashMap<>();
                for (String key : own.stateKeys()) {
                    state.put(key, Nd4j.rand(seed++, new long[] {2, own.hiddenSize()}).castTo(DataType.DOUBLE).subi(0.5));
                }
                own.carryFrom(state);
            }
        }
        INDArray x = features(43, DataType.DOUBLE, 2, 3, 5);
        INDArray y = oneHotLabels(44, DataType.DOUBLE, 2, 3, 5);
        assertTrue(check(net, x, y), cell + " from a carried state: analytic = numeric gradients");
    }

    /** Uniform parameters in [-0.5, 0.5), so every gate works away from saturation and from zero. */
    private static void randomise(MultiLayerNetwork net, long seed) {
        net.setParams(Nd4j.rand(seed, net.params().shape()).castTo(DataType.DOUBLE).subi(0.5));
    }

    private static boolean check(MultiLayerNetwork net, INDArray x, INDArray y) {
        return GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(net).input(x).labels(y)
                .epsilon(1e-5).maxRelError(1e-5).minAbsoluteError(1e-9));
    }
}

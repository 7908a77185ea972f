package org.sparklstm.models.bidirectional;

import java.util.Arrays;

import org.deeplearning4j.exception.DL4JInvalidInputException;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.AbstractLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Runtime of {@link BidirectionalFinalStates}: [N, 2H, T] -> [N, 2H] = [forward at T-1; backward at 0]. */
public class BidirectionalFinalStatesLayer extends AbstractLayer<BidirectionalFinalStates> {

    public BidirectionalFinalStatesLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        long half = halfWidth(input);
        long t = input.size(2);
        INDArray out = workspaceMgr.create(ArrayType.ACTIVATIONS, input.dataType(), new long[] {input.size(0), 2 * half},
                'c');
        out.get(NDArrayIndex.all(), NDArrayIndex.interval(0, half)).assign(input.get(forward(half, t)));
        out.get(NDArrayIndex.all(), NDArrayIndex.interval(half, 2 * half)).assign(input.get(backward(half)));
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        long half = halfWidth(input);
        long t = input.size(2);
        INDArray epsOut = workspaceMgr.create(ArrayType.ACTIVATION_GRAD, epsilon.dataType(), input.shape(), 'f');
        epsOut.assign(0);
        epsOut.get(forward(half, t)).assign(epsilon.get(NDArrayIndex.all(), NDArrayIndex.interval(0, half)));
        epsOut.get(backward(half)).assign(epsilon.get(NDArrayIndex.all(), NDArrayIndex.interval(half, 2 * half)));
        return new Pair<>(new DefaultGradient(), epsOut);
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState currentMaskState,
                                                          int minibatchSize) {
        if (maskArray != null) {
            throw new UnsupportedOperationException("BidirectionalFinalStates does not support masks " + layerId());
        }
        return new Pair<>(null, currentMaskState);
    }

    /** Forward half at the last step. */
    private static INDArrayIndex[] forward(long half, long t) {
        return new INDArrayIndex[] {NDArrayIndex.all(), NDArrayIndex.interval(0, half), NDArrayIndex.point(t - 1)};
    }

    /** Backward half at the first step, where the reversed-back backward direction has read everything. */
    private static INDArrayIndex[] backward(long half) {
        return new INDArrayIndex[] {NDArrayIndex.all(), NDArrayIndex.interval(half, 2 * half), NDArrayIndex.point(0)};
    }

    private long halfWidth(INDArray in) {
        if (in.rank() != 3 || in.size(1) % 2 != 0) {
            throw new DL4JInvalidInputException("BidirectionalFinalStates expects [N, 2H, T] (NCW) input, got "
                    + Arrays.toString(in.shape()) + " " + layerId());
        }
        return in.size(1) / 2;
    }

    @Override
    public double calcRegularizationScore(boolean backpropParamsOnly) {
        return 0;
    }

    @Override
    public Type type() {
        return Type.FEED_FORWARD;
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    @Override
    public void clearNoiseWeightParams() {
        // no parameters
    }

    @Override
    public INDArray params() {
        return null;
    }
}

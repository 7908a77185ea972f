package org.sparklstm.models.layers;

import static org.sparklstm.models.layers.OwnRecurrentParamInitializer.BIAS_KEY;
import static org.sparklstm.models.layers.OwnRecurrentParamInitializer.INPUT_WEIGHT_KEY;
import static org.sparklstm.models.layers.OwnRecurrentParamInitializer.RECURRENT_WEIGHT_KEY;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.exception.DL4JInvalidInputException;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.recurrent.BaseRecurrentLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What DL4J asks of every recurrent layer the project implements itself (FusedLstm, Gru) beyond its math: the
 * entry points of a recurrent layer (a whole sequence, rnnTimeStep, truncated BPTT), the input checks, and the
 * backward pass through the {@link OwnRecurrentKernel} that holds the forward pass. A subclass runs its kernel
 * forward from its cell's state and stores that state.
 */
public abstract class OwnRecurrentLayer<C extends org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer,
        K extends OwnRecurrentKernel> extends BaseRecurrentLayer<C> {

    /** Key of the last output in the rnnTimeStep and truncated-BPTT state maps, as in DL4J's LSTM. */
    public static final String STATE_KEY_PREV_ACTIVATION = "prevAct";

    /** The buffers of the last forward pass. */
    protected K kernel;

    /**
     * The state a training pass over a whole sequence (not truncated BPTT) starts from, for stateful training,
     * where each window continues its row of the stream; null starts from zeros. Unlike DL4J's state maps it is
     * not cleared by {@code fit}: the caller sets it before every minibatch.
     */
    private Map<String, INDArray> carriedState;
    private Map<String, INDArray> carriedTo;

    protected OwnRecurrentLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    /**
     * Runs the forward pass from the state held in {@code state} (the rnnTimeStep or truncated-BPTT map; null for
     * zeros) and returns {@link #output}.
     */
    protected abstract INDArray forwardToOutput(boolean training, Map<String, INDArray> state,
                                                LayerWorkspaceMgr workspaceMgr);

    /** Puts the final state of the last forward pass into {@code target}. */
    protected abstract void storeLastState(Map<String, INDArray> target);

    /** Makes the kernel hold the forward pass that the coming backward pass (truncated or not) differentiates. */
    protected abstract void prepareBackward(boolean truncated, LayerWorkspaceMgr workspaceMgr);

    protected abstract K newKernel(DataType type, int n, int t, int nIn, int h);

    /** H, the width of each state array. */
    public int hiddenSize() {
        return (int) layerConf().getNOut();
    }

    /** The keys of this layer's state maps, in a fixed order. */
    public abstract List<String> stateKeys();

    /** Training passes start from {@code state} (keys of {@link #stateKeys()}, each [N, H]) until changed; null: zeros. */
    public void carryFrom(Map<String, INDArray> state) {
        this.carriedState = state;
        this.carriedTo = null;
    }

    /** The state a training pass starts from (see {@link #carryFrom}); null for zeros. */
    protected Map<String, INDArray> carriedState() {
        return carriedState;
    }

    /**
     * The final state of the last training pass that started from a carried state, each [N, H]; kept when the
     * forward pass ends, since the backward pass reuses the kernel's buffers.
     */
    public Map<String, INDArray> carriedTo() {
        return carriedTo;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        if (!training || carriedState == null) {
            return forwardToOutput(training, null, workspaceMgr);
        }
        INDArray out = forwardToOutput(true, carriedState, workspaceMgr);
        carriedTo = new HashMap<>();
        storeLastState(carriedTo);
        return out;
    }

    @Override
    public INDArray activate(INDArray input, boolean training, LayerWorkspaceMgr workspaceMgr) {
        setInput(input, workspaceMgr);
        return activate(training, workspaceMgr);
    }

    @Override
    public INDArray rnnTimeStep(INDArray input, LayerWorkspaceMgr workspaceMgr) {
        setInput(input, workspaceMgr);
        INDArray out = forwardToOutput(false, stateMap, workspaceMgr);
        storeLastState(stateMap);
        return out;
    }

    @Override
    public INDArray rnnActivateUsingStoredState(INDArray input, boolean training, boolean storeLastForTBPTT,
                                                LayerWorkspaceMgr workspaceMgr) {
        setInput(input, workspaceMgr);
        INDArray out = forwardToOutput(training, tBpttStateMap, workspaceMgr);
        if (storeLastForTBPTT) {
            storeLastState(tBpttStateMap);
        }
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        return backprop(epsilon, false, -1, workspaceMgr);
    }

    @Override
    public Pair<Gradient, INDArray> tbpttBackpropGradient(INDArray epsilon, int tbpttBackwardLength,
                                                          LayerWorkspaceMgr workspaceMgr) {
        return backprop(epsilon, true, tbpttBackwardLength, workspaceMgr);
    }

    private Pair<Gradient, INDArray> backprop(INDArray epsilon, boolean truncated, int tbpttBackwardLength,
                                              LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        prepareBackward(truncated, workspaceMgr);

        INDArray eps = permuteIfNWC(epsilon);
        int firstStep = truncated ? Math.max(0, kernel.t - tbpttBackwardLength) : 0;
        INDArray epsOut = workspaceMgr.create(ArrayType.ACTIVATION_GRAD, input.dataType(),
                new long[] {kernel.n, kernel.nIn, kernel.t}, 'f');
        if (firstStep > 0) {
            epsOut.assign(0);
        }
        INDArray dW = gradientViews.get(INPUT_WEIGHT_KEY);
        INDArray dRW = gradientViews.get(RECURRENT_WEIGHT_KEY);
        INDArray db = gradientViews.get(BIAS_KEY);
        kernel.backward(eps, firstStep, dW, dRW, db, epsOut);

        Gradient gradient = new DefaultGradient();
        gradient.gradientForVariable().put(INPUT_WEIGHT_KEY, dW);
        gradient.gradientForVariable().put(RECURRENT_WEIGHT_KEY, dRW);
        gradient.gradientForVariable().put(BIAS_KEY, db);
        weightNoiseParams.clear();
        return new Pair<>(gradient, permuteIfNWC(backpropDropOutIfPresent(epsOut)));
    }

    /**
     * The input as [N, I, T] after dropout, checked against the layer's nIn and against h0, the [N, H] state it
     * continues from (null for none).
     */
    protected INDArray checkedInput(boolean training, INDArray h0, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        if (input.rank() != 3) {
            throw new DL4JInvalidInputException(layerConf().getClass().getSimpleName() + " expects 3d input, got shape "
                    + Arrays.toString(input.shape()) + " " + layerId());
        }
        applyDropOutIfNecessary(training, workspaceMgr);
        INDArray x = permuteIfNWC(input);
        long nIn = layerConf().getNIn();
        if (x.size(1) != nIn) {
            throw new DL4JInvalidInputException("Received input with size(1) = " + x.size(1) + " (input shape "
                    + Arrays.toString(x.shape()) + "); it must match layer nIn = " + nIn + " " + layerId());
        }
        if (h0 != null && h0.size(0) != x.size(0)) {
            throw new DL4JInvalidInputException("Stored state has " + h0.size(0) + " examples but the input has "
                    + x.size(0) + ". Possible cause: rnnTimeStep() without rnnClearPreviousState() between"
                    + " different sequences? " + layerId());
        }
        return x;
    }

    /** The kernel for x [N, I, T]: the last one while the shape stays, else a new one. */
    protected K kernelFor(INDArray x) {
        if (kernel == null || !kernel.fits(x.dataType(), x.size(0), x.size(2), x.size(1))) {
            kernel = newKernel(x.dataType(), (int) x.size(0), (int) x.size(2), (int) x.size(1),
                    (int) layerConf().getNOut());
        }
        return kernel;
    }

    /** The output of the last forward pass, [N, H, T] in the layer's data format. */
    protected INDArray output(LayerWorkspaceMgr workspaceMgr) {
        INDArray out = workspaceMgr.create(ArrayType.ACTIVATIONS, input.dataType(),
                new long[] {kernel.n, kernel.h, kernel.t}, 'f');
        kernel.copyOutput(out);
        return permuteIfNWC(out);
    }

    @Override
    public Gradient gradient() {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " has no layerwise pretraining "
                + layerId());
    }

    @Override
    public Type type() {
        return Type.RECURRENT;
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }
}

package org.sparklstm.models.lstm;

import java.util.Arrays;

import org.deeplearning4j.exception.DL4JInvalidInputException;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.sparklstm.models.layers.OwnRecurrentLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.sparklstm.models.lstm.FusedLstmParamInitializer.BIAS_KEY;
import static org.sparklstm.models.lstm.FusedLstmParamInitializer.INPUT_WEIGHT_KEY;
import static org.sparklstm.models.lstm.FusedLstmParamInitializer.RECURRENT_WEIGHT_KEY;

/**
 * Runtime of {@link FusedLstm}: the state handling of DL4J's {@code LSTM} (same state keys, same use of the
 * rnnTimeStep and truncated-BPTT state maps) around {@link FusedLstmKernel}. Unlike DL4J's LSTM, the forward
 * pass of a training step is kept for the backward pass instead of being recomputed.
 */
public class FusedLstmLayer extends OwnRecurrentLayer<FusedLstm> {

    public static final String STATE_KEY_PREV_ACTIVATION = "prevAct";
    public static final String STATE_KEY_PREV_MEMCELL = "prevMem";

    private FusedLstmKernel kernel;
    /** What the kernel's buffers hold, so backprop can reuse them; null when they cannot be reused. */
    private ForwardRecord lastTrainingForward;

    /** The arrays a forward pass ran on; compared by identity, since the buffers are valid only for these. */
    private record ForwardRecord(INDArray input, INDArray h0, INDArray c0, INDArray w, INDArray rw) {
        boolean sameArrays(ForwardRecord other) {
            return other != null && input == other.input && h0 == other.h0 && c0 == other.c0
                    && w == other.w && rw == other.rw;
        }
    }

    public FusedLstmLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        return forwardToOutput(training, null, null, workspaceMgr);
    }

    @Override
    public INDArray rnnTimeStep(INDArray input, LayerWorkspaceMgr workspaceMgr) {
        setInput(input, workspaceMgr);
        INDArray out = forwardToOutput(false, stateMap.get(STATE_KEY_PREV_ACTIVATION),
                stateMap.get(STATE_KEY_PREV_MEMCELL), workspaceMgr);
        storeLastState(stateMap);
        return out;
    }

    @Override
    public INDArray rnnActivateUsingStoredState(INDArray input, boolean training, boolean storeLastForTBPTT,
                                                LayerWorkspaceMgr workspaceMgr) {
        setInput(input, workspaceMgr);
        INDArray out = forwardToOutput(training, tBpttStateMap.get(STATE_KEY_PREV_ACTIVATION),
                tBpttStateMap.get(STATE_KEY_PREV_MEMCELL), workspaceMgr);
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

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState currentMaskState,
                                                          int minibatchSize) {
        rejectMask(maskArray);
        return new Pair<>(null, currentMaskState);
    }

    private Pair<Gradient, INDArray> backprop(INDArray epsilon, boolean truncated, int tbpttBackwardLength,
                                              LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        // as DL4J's LSTM: the truncated-BPTT backward pass starts from the rnnTimeStep state map
        INDArray h0 = truncated ? stateMap.get(STATE_KEY_PREV_ACTIVATION) : null;
        INDArray c0 = truncated ? stateMap.get(STATE_KEY_PREV_MEMCELL) : null;
        INDArray w = getParamWithNoise(INPUT_WEIGHT_KEY, true, workspaceMgr);
        INDArray rw = getParamWithNoise(RECURRENT_WEIGHT_KEY, true, workspaceMgr);
        ForwardRecord needed = new ForwardRecord(input, h0, c0, w, rw);
        if (!needed.sameArrays(lastTrainingForward)) {
            runForward(true, h0, c0, workspaceMgr);
        }
        lastTrainingForward = null;
        if (truncated) {
            storeLastState(tBpttStateMap);
        }

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

    private INDArray forwardToOutput(boolean training, INDArray h0, INDArray c0, LayerWorkspaceMgr workspaceMgr) {
        ForwardRecord record = runForward(training, h0, c0, workspaceMgr);
        lastTrainingForward = training ? record : null;
        INDArray out = workspaceMgr.create(ArrayType.ACTIVATIONS, input.dataType(),
                new long[] {kernel.n, kernel.h, kernel.t}, 'f');
        kernel.copyOutput(out);
        return permuteIfNWC(out);
    }

    private ForwardRecord runForward(boolean training, INDArray h0, INDArray c0, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        rejectMask(maskArray);
        if (input.rank() != 3) {
            throw new DL4JInvalidInputException("FusedLstm expects 3d input, got shape "
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
        INDArray w = getParamWithNoise(INPUT_WEIGHT_KEY, training, workspaceMgr);
        INDArray rw = getParamWithNoise(RECURRENT_WEIGHT_KEY, training, workspaceMgr);
        INDArray b = getParamWithNoise(BIAS_KEY, training, workspaceMgr);
        kernelFor(x).forward(x, w, rw, b, h0, c0);
        return new ForwardRecord(input, h0, c0, w, rw);
    }

    private FusedLstmKernel kernelFor(INDArray x) {
        if (kernel == null || !kernel.fits(x.dataType(), x.size(0), x.size(2), x.size(1))) {
            kernel = new FusedLstmKernel(x.dataType(), (int) x.size(0), (int) x.size(2), (int) x.size(1),
                    (int) layerConf().getNOut());
        }
        return kernel;
    }

    private void storeLastState(java.util.Map<String, INDArray> target) {
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            target.put(STATE_KEY_PREV_ACTIVATION, kernel.lastHidden());
            target.put(STATE_KEY_PREV_MEMCELL, kernel.lastCell());
        }
    }

    private void rejectMask(INDArray mask) {
        if (mask != null) {
            throw new UnsupportedOperationException("FusedLstm does not support masks (variable-length sequences);"
                    + " use DL4J's LSTM for masked data " + layerId());
        }
    }
}

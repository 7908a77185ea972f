package org.sparklstm.models.lstm;

import static org.sparklstm.models.lstm.FusedLstmParamInitializer.BIAS_KEY;
import static org.sparklstm.models.lstm.FusedLstmParamInitializer.INPUT_WEIGHT_KEY;
import static org.sparklstm.models.lstm.FusedLstmParamInitializer.RECURRENT_WEIGHT_KEY;

import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sparklstm.models.layers.OwnRecurrentLayer;

/**
 * Runtime of {@link FusedLstm}: the state handling of DL4J's {@code LSTM} (same state keys, same use of the
 * rnnTimeStep and truncated-BPTT state maps) around {@link FusedLstmKernel}. Unlike DL4J's LSTM, the forward
 * pass of a training step is kept for the backward pass instead of being recomputed.
 */
public class FusedLstmLayer extends OwnRecurrentLayer<FusedLstm, FusedLstmKernel> {

    public static final String STATE_KEY_PREV_MEMCELL = "prevMem";

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
    public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState currentMaskState,
                                                          int minibatchSize) {
        rejectMask(maskArray);
        return new Pair<>(null, currentMaskState);
    }

    @Override
    protected INDArray forwardToOutput(boolean training, Map<String, INDArray> state, LayerWorkspaceMgr workspaceMgr) {
        INDArray h0 = state == null ? null : state.get(STATE_KEY_PREV_ACTIVATION);
        INDArray c0 = state == null ? null : state.get(STATE_KEY_PREV_MEMCELL);
        ForwardRecord record = runForward(training, h0, c0, workspaceMgr);
        lastTrainingForward = training ? record : null;
        return output(workspaceMgr);
    }

    @Override
    protected void prepareBackward(boolean truncated, LayerWorkspaceMgr workspaceMgr) {
        // as DL4J's LSTM: the truncated-BPTT backward pass starts from the rnnTimeStep state map; a whole
        // sequence starts from the carried state
        Map<String, INDArray> start = truncated ? stateMap : carriedState();
        INDArray h0 = start == null ? null : start.get(STATE_KEY_PREV_ACTIVATION);
        INDArray c0 = start == null ? null : start.get(STATE_KEY_PREV_MEMCELL);
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
    }

    private ForwardRecord runForward(boolean training, INDArray h0, INDArray c0, LayerWorkspaceMgr workspaceMgr) {
        rejectMask(maskArray);
        INDArray x = checkedInput(training, h0, workspaceMgr);
        INDArray w = getParamWithNoise(INPUT_WEIGHT_KEY, training, workspaceMgr);
        INDArray rw = getParamWithNoise(RECURRENT_WEIGHT_KEY, training, workspaceMgr);
        INDArray b = getParamWithNoise(BIAS_KEY, training, workspaceMgr);
        kernelFor(x).forward(x, w, rw, b, h0, c0);
        return new ForwardRecord(input, h0, c0, w, rw);
    }

    @Override
    protected FusedLstmKernel newKernel(DataType type, int n, int t, int nIn, int h) {
        return new FusedLstmKernel(type, n, t, nIn, h);
    }

    @Override
    public List<String> stateKeys() {
        return List.of(STATE_KEY_PREV_ACTIVATION, STATE_KEY_PREV_MEMCELL);
    }

    @Override
    protected void storeLastState(Map<String, INDArray> target) {
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

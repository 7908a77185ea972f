package org.sparklstm.models.gru;

import static org.sparklstm.models.gru.GruParamInitializer.BIAS_KEY;
import static org.sparklstm.models.gru.GruParamInitializer.INPUT_WEIGHT_KEY;
import static org.sparklstm.models.gru.GruParamInitializer.RECURRENT_WEIGHT_KEY;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.exception.DL4JInvalidInputException;
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
 * Runtime of {@link Gru}: DL4J's recurrent-layer state handling (rnnTimeStep state, truncated-BPTT state, both
 * under the key {@value OwnRecurrentLayer#STATE_KEY_PREV_ACTIVATION}) around {@link GruKernel}. The forward pass
 * of a training step is kept for the backward pass, which starts from the same initial state the forward pass used.
 *
 * <p>Masks (variable-length sequences) as in DL4J's LSTM: the feature mask [minibatch, time] reaches the layer
 * through {@link #feedForwardMaskArray} (or {@link #setMaskArray}); at a masked step the output and the carried
 * state are zero (h_t = m_t * h'_t), so a sequence after leading padding (the backward copy inside
 * {@code Bidirectional}) starts from a zero state as if unpadded; backprop sends no gradient into masked steps
 * and returns a zero input epsilon there. The mask is passed on unchanged.
 */
public class GruLayer extends OwnRecurrentLayer<Gru, GruKernel> {

    /** The arrays the kernel's buffers were computed from; compared by identity. Null when not reusable. */
    private ForwardRecord lastTrainingForward;
    /** Initial state of the last training forward pass: truncated BPTT's backward pass must start from it. */
    private INDArray lastTrainingH0;

    private record ForwardRecord(INDArray input, INDArray h0, INDArray w, INDArray rw, INDArray b, INDArray mask) {
        boolean sameArrays(ForwardRecord other) {
            return other != null && input == other.input && h0 == other.h0 && w == other.w && rw == other.rw
                    && b == other.b && mask == other.mask;
        }
    }

    public GruLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState currentMaskState,
                                                          int minibatchSize) {
        // keep the mask for the passes to come (DL4J's LSTM overrides this without keeping it, so inside a
        // MultiLayerNetwork it never sees the features mask); the time axis is unchanged, so is the mask
        this.maskArray = maskArray;
        this.maskState = currentMaskState;
        return new Pair<>(maskArray, currentMaskState);
    }

    @Override
    protected INDArray forwardToOutput(boolean training, Map<String, INDArray> state, LayerWorkspaceMgr workspaceMgr) {
        INDArray h0 = state == null ? null : state.get(STATE_KEY_PREV_ACTIVATION);
        ForwardRecord record = runForward(training, h0, workspaceMgr);
        lastTrainingForward = training ? record : null;
        if (training) {
            lastTrainingH0 = h0;
        }
        return output(workspaceMgr);
    }

    @Override
    protected void prepareBackward(boolean truncated, LayerWorkspaceMgr workspaceMgr) {
        Map<String, INDArray> carried = carriedState();
        INDArray h0 = truncated ? lastTrainingH0 : carried == null ? null : carried.get(STATE_KEY_PREV_ACTIVATION);
        INDArray w = getParamWithNoise(INPUT_WEIGHT_KEY, true, workspaceMgr);
        INDArray rw = getParamWithNoise(RECURRENT_WEIGHT_KEY, true, workspaceMgr);
        INDArray b = getParamWithNoise(BIAS_KEY, true, workspaceMgr);
        if (!new ForwardRecord(input, h0, w, rw, b, maskArray).sameArrays(lastTrainingForward)) {
            runForward(true, h0, workspaceMgr);
        }
        lastTrainingForward = null;
    }

    private ForwardRecord runForward(boolean training, INDArray h0, LayerWorkspaceMgr workspaceMgr) {
        INDArray x = checkedInput(training, h0, workspaceMgr);
        INDArray w = getParamWithNoise(INPUT_WEIGHT_KEY, training, workspaceMgr);
        INDArray rw = getParamWithNoise(RECURRENT_WEIGHT_KEY, training, workspaceMgr);
        INDArray b = getParamWithNoise(BIAS_KEY, training, workspaceMgr);
        kernelFor(x).forward(x, w, rw, b, h0, stepMask(x));
        return new ForwardRecord(input, h0, w, rw, b, maskArray);
    }

    @Override
    protected GruKernel newKernel(DataType type, int n, int t, int nIn, int h) {
        return new GruKernel(type, n, t, nIn, h);
    }

    @Override
    public List<String> stateKeys() {
        return List.of(STATE_KEY_PREV_ACTIVATION);
    }

    @Override
    protected void storeLastState(Map<String, INDArray> target) {
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            target.put(STATE_KEY_PREV_ACTIVATION, kernel.lastHidden());
        }
    }

    /** The mask as [N, T], or null; x is [N, I, T]. */
    private INDArray stepMask(INDArray x) {
        INDArray mask = maskArray;
        if (mask == null) {
            return null;
        }
        if (mask.rank() == 3 && mask.size(1) == 1) {
            mask = mask.reshape(mask.size(0), mask.size(2));
        }
        if (mask.rank() != 2 || mask.size(0) != x.size(0) || mask.size(1) != x.size(2)) {
            throw new DL4JInvalidInputException("Mask of shape " + Arrays.toString(maskArray.shape())
                    + " does not fit input [minibatch " + x.size(0) + ", time " + x.size(2) + "]; expected [" + x.size(0)
                    + ", " + x.size(2) + "] " + layerId());
        }
        return mask;
    }
}

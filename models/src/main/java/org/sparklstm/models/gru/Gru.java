package org.sparklstm.models.gru;

import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.nd4j.linalg.api.buffer.DataType;
import org.sparklstm.models.layers.OwnRecurrentConfig;

/**
 * Configuration of a gated recurrent unit layer for {@code MultiLayerNetwork} (DL4J 1.0.0-M2 has none).
 * For input x_t and previous output h_{t-1} (gate blocks in the order r, z, n, as in PyTorch and cuDNN):
 * <pre>
 *   r_t = sigmoid(W_r x_t + b_r + U_r h_{t-1})          reset gate
 *   z_t = sigmoid(W_z x_t + b_z + U_z h_{t-1})          update gate
 *   n_t = tanh(W_n x_t + b_n + r_t * (U_n h_{t-1}))     candidate
 *   h_t = (1 - z_t) * n_t + z_t * h_{t-1}
 * </pre>
 * This is PyTorch's {@code nn.GRU} (the "reset after" form of cuDNN) with one bias per gate: PyTorch's recurrent
 * bias b_hn is fixed at zero and its b_ir + b_hr, b_iz + b_hz are the single b_r, b_z here. Parameters:
 * "W" input weights [nIn, 3H], "RW" recurrent weights [H, 3H], "b" bias [1, 3H]; see {@link GruLayer}.
 */
public class Gru extends OwnRecurrentConfig {

    /** For Jackson. */
    public Gru() {
    }

    private Gru(Builder builder) {
        super(builder);
    }

    @Override
    protected GruLayer newLayer(NeuralNetConfiguration conf, DataType dataType) {
        return new GruLayer(conf, dataType);
    }

    @Override
    public ParamInitializer initializer() {
        return GruParamInitializer.getInstance();
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        InputType.InputTypeRecurrent in = (InputType.InputTypeRecurrent) inputType;
        long t = Math.max(1, in.getTimeSeriesLength());
        long gates = 3 * getNOut();
        // per example: the per-step projections and gate values kept for backprop, plus the outputs
        return new LayerMemoryReport.Builder(getLayerName(), Gru.class, inputType, getOutputType(-1, inputType))
                .standardMemory(initializer().numParams(this), initializer().numParams(this))
                .workingMemory(0, 2 * gates * t, 0, 5 * gates * t)
                .cacheMemory(0, 0)
                .build();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Gru && super.equals(o);
    }

    @Override
    protected boolean canEqual(Object other) {
        return other instanceof Gru;
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + 7;
    }

    /** nIn, nOut, dataFormat, weightInit, weightInitRecurrent, biasInit, dropOut as for DL4J's recurrent layers. */
    public static class Builder extends OwnRecurrentConfig.Builder<Builder> {

        @Override
        @SuppressWarnings("unchecked")
        public Gru build() {
            return new Gru(this);
        }
    }
}

package org.sparklstm.models.lstm;

import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.layers.recurrent.LSTMHelpers;
import org.nd4j.linalg.api.buffer.DataType;
import org.sparklstm.models.layers.OwnRecurrentConfig;

/**
 * Configuration of a drop-in replacement for DL4J's {@code LSTM} layer (no peepholes, sigmoid gates, tanh cell
 * activation) that computes the same function with far fewer native calls; see {@link FusedLstmLayer}.
 * Parameters have exactly DL4J's LSTM layout ("W", "RW", "b", gate blocks in DL4J's order), so parameters of a
 * network built with DL4J's LSTM load into one built with this layer and give the same outputs.
 */
public class FusedLstm extends OwnRecurrentConfig {

    private double forgetGateBiasInit = 1.0;

    /** For Jackson. */
    public FusedLstm() {
    }

    private FusedLstm(Builder builder) {
        super(builder);
        this.forgetGateBiasInit = builder.forgetGateBiasInit;
    }

    public double getForgetGateBiasInit() {
        return forgetGateBiasInit;
    }

    public void setForgetGateBiasInit(double forgetGateBiasInit) {
        this.forgetGateBiasInit = forgetGateBiasInit;
    }

    @Override
    protected FusedLstmLayer newLayer(NeuralNetConfiguration conf, DataType dataType) {
        return new FusedLstmLayer(conf, dataType);
    }

    @Override
    public ParamInitializer initializer() {
        return FusedLstmParamInitializer.getInstance();
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        return LSTMHelpers.getMemoryReport(false, this, inputType);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FusedLstm other && super.equals(o)
                && Double.compare(forgetGateBiasInit, other.forgetGateBiasInit) == 0;
    }

    @Override
    protected boolean canEqual(Object other) {
        return other instanceof FusedLstm;
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + Double.hashCode(forgetGateBiasInit);
    }

    /** Same options as DL4J's {@code LSTM.Builder} minus the gate activation (always sigmoid, DL4J's default). */
    public static class Builder extends OwnRecurrentConfig.Builder<Builder> {

        private double forgetGateBiasInit = 1.0;

        public Builder forgetGateBiasInit(double value) {
            this.forgetGateBiasInit = value;
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public FusedLstm build() {
            return new FusedLstm(this);
        }
    }
}

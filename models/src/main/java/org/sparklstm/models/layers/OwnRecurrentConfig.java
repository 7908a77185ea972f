package org.sparklstm.models.layers;

import java.util.Collection;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Configuration of a recurrent layer the project implements itself (Gru, FusedLstm): how DL4J instantiates it, and
 * tanh as its only activation. It has no fields, so a configuration's JSON is that of its concrete class alone.
 */
public abstract class OwnRecurrentConfig extends BaseRecurrentLayer {

    /** For Jackson, through the concrete classes. */
    protected OwnRecurrentConfig() {
    }

    protected OwnRecurrentConfig(Builder<?> builder) {
        super(builder);
    }

    /** The runtime layer of this configuration. */
    protected abstract OwnRecurrentLayer<?, ?> newLayer(NeuralNetConfiguration conf, DataType dataType);

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
                                                       Collection<TrainingListener> trainingListeners,
                                                       int layerIndex, INDArray layerParamsView,
                                                       boolean initializeParams, DataType networkDataType) {
        String name = getClass().getSimpleName();
        LayerValidation.assertNInNOutSet(name, getLayerName(), layerIndex, getNIn(), getNOut());
        if (!(getActivationFn() instanceof ActivationTanH)) {
            // the kernels hard-code tanh: the GRU's candidate, the LSTM's block input and cell output
            throw new IllegalStateException(name + " supports only the tanh activation, got " + getActivationFn());
        }
        return LayerWiring.wire(newLayer(conf, networkDataType), initializer(), conf, trainingListeners, layerIndex,
                layerParamsView, initializeParams);
    }

    /** Starts from tanh, the one activation the layers compute. */
    public abstract static class Builder<T extends Builder<T>> extends BaseRecurrentLayer.Builder<T> {

        protected Builder() {
            this.setActivationFn(Activation.TANH.getActivationFunction());
        }
    }
}

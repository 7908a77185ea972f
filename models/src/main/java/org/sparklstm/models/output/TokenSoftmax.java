package org.sparklstm.models.output;

import java.util.Arrays;
import java.util.Collection;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.sparklstm.models.layers.LayerWiring;

/**
 * Configuration of the next-token softmax layer of a language model, whose labels are token ids {@code [mb, 1, T]}
 * rather than one-hot rows over the vocabulary; see {@link TokenSoftmaxLayer}. Parameters have exactly the layout of
 * DL4J's {@code RnnOutputLayer} ("W" {@code [nIn, V]}, "b" {@code [1, V]}), so saved models and warm starts are
 * unchanged; an adaptive softmax adds its cluster logits' weights after them. Inputs and outputs are NCW.
 */
public class TokenSoftmax extends BaseOutputLayer {

    /** Negative samples per training minibatch; 0 trains with the full softmax. */
    private int samples;
    /** The ids where the adaptive softmax's head and clusters end (ids sorted by frequency); none: not adaptive. */
    private int[] cutoffs = new int[0];

    /** For Jackson. */
    public TokenSoftmax() {
    }

    private TokenSoftmax(Builder builder) {
        super(builder);
        this.samples = builder.samples;
        this.cutoffs = builder.cutoffs;
    }

    public int getSamples() {
        return samples;
    }

    public void setSamples(int samples) {
        this.samples = samples;
    }

    public int[] getCutoffs() {
        return cutoffs.clone();
    }

    public void setCutoffs(int[] cutoffs) {
        this.cutoffs = cutoffs == null ? new int[0] : cutoffs.clone();
    }

    /** True when the softmax is the adaptive one (Grave et al. 2017); not a bean property, so JSON leaves it out. */
    public boolean adaptive() {
        return cutoffs.length > 0;
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
                                                       Collection<TrainingListener> trainingListeners,
                                                       int layerIndex, INDArray layerParamsView,
                                                       boolean initializeParams, DataType networkDataType) {
        LayerValidation.assertNInNOutSet("TokenSoftmax", getLayerName(), layerIndex, getNIn(), getNOut());
        if (adaptive()) {
            AdaptiveSoftmax.check(cutoffs, (int) getNOut());
        }
        return LayerWiring.wire(new TokenSoftmaxLayer(conf, networkDataType), initializer(), conf, trainingListeners,
                layerIndex, layerParamsView, initializeParams);
    }

    @Override
    public ParamInitializer initializer() {
        return adaptive() ? AdaptiveSoftmaxParamInitializer.getInstance() : DefaultParamInitializer.getInstance();
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        return InputType.recurrent(getNOut());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TokenSoftmax other && super.equals(o) && samples == other.samples
                && Arrays.equals(cutoffs, other.cutoffs);
    }

    @Override
    protected boolean canEqual(Object other) {
        return other instanceof TokenSoftmax;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * super.hashCode() + samples) + Arrays.hashCode(cutoffs);
    }

    /** A softmax over {@code nOut} token ids; the loss is always the cross-entropy of the target ids. */
    public static class Builder extends BaseOutputLayer.Builder<Builder> {

        private int samples;
        private int[] cutoffs = new int[0];

        public Builder() {
            // the loss function is DL4J's description of what this layer computes itself (the layer never calls it)
            super(LossFunctions.LossFunction.MCXENT);
            activation(Activation.SOFTMAX);
        }

        /** Train with this many log-uniform negative samples per minibatch (0: the full softmax). */
        public Builder samples(int value) {
            if (value < 0) {
                throw new IllegalArgumentException("samples " + value + " < 0");
            }
            this.samples = value;
            return this;
        }

        /** Train and score with an adaptive softmax whose head and clusters end at these ids (none: not adaptive). */
        public Builder cutoffs(int... ids) {
            this.cutoffs = ids.clone();
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public TokenSoftmax build() {
            if (samples > 0 && cutoffs.length > 0) {
                throw new IllegalArgumentException("a softmax is either sampled or adaptive, not both");
            }
            return new TokenSoftmax(this);
        }
    }
}

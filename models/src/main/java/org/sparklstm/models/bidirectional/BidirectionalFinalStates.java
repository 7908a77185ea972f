package org.sparklstm.models.bidirectional;

import java.util.Collection;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.NoParamLayer;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sparklstm.models.layers.LayerWiring;

/**
 * Many-to-one read-out of a bidirectional CONCAT layer (NCW): the forward half at the last step and the backward
 * half at the first step, i.e. the state of each direction after it has read the whole sequence, as [N, 2H].
 *
 * <p>DL4J's {@code LastTimeStep} around a {@code Bidirectional} takes both halves at the last step, where the
 * backward direction has read only that one step; and {@code Bidirectional} around a {@code LastTimeStep}
 * fails in DL4J 1.0.0-M2's backward pass (it slices a rank-2 epsilon as if it were a sequence).
 */
public class BidirectionalFinalStates extends NoParamLayer {

    /** Also for Jackson. */
    public BidirectionalFinalStates() {
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
                                                       Collection<TrainingListener> trainingListeners,
                                                       int layerIndex, INDArray layerParamsView,
                                                       boolean initializeParams, DataType networkDataType) {
        return LayerWiring.wire(new BidirectionalFinalStatesLayer(conf, networkDataType), initializer(), conf,
                trainingListeners, layerIndex, layerParamsView, initializeParams);
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        if (!(inputType instanceof InputType.InputTypeRecurrent recurrent)) {
            throw new IllegalStateException("BidirectionalFinalStates needs recurrent input, got " + inputType);
        }
        return InputType.feedForward(recurrent.getSize());
    }

    @Override
    public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
        return null;
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        return new LayerMemoryReport.Builder(getLayerName(), BidirectionalFinalStates.class, inputType,
                getOutputType(-1, inputType))
                .standardMemory(0, 0).workingMemory(0, 0, 0, 0).cacheMemory(0, 0).build();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BidirectionalFinalStates && super.equals(o);
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + 11;
    }
}

package org.sparklstm.models.layers;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;

/** How a DL4J layer configuration hands a new runtime layer its place in the network: the same for every layer. */
public final class LayerWiring {

    private LayerWiring() {
    }

    /** The arguments are those of the configuration's {@code instantiate}; returns {@code layer}. */
    public static Layer wire(Layer layer, ParamInitializer initializer, NeuralNetConfiguration conf,
                             Collection<TrainingListener> trainingListeners, int layerIndex, INDArray layerParamsView,
                             boolean initializeParams) {
        layer.setListeners(trainingListeners);
        layer.setIndex(layerIndex);
        layer.setParamsViewArray(layerParamsView);
        layer.setParamTable(initializer.init(conf, layerParamsView, initializeParams));
        layer.setConf(conf);
        return layer;
    }
}

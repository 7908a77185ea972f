package org.sparklstm.models.train;

import java.util.LinkedHashMap;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.params.BidirectionalParamInitializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** A layer's gradient views by parameter name, as DL4J's updater expects them. */
final class GradientViews {

    private GradientViews() {
    }

    static Map<String, INDArray> of(Layer layer) {
        return of(layer.conf(), layer.getGradientsViewArray());
    }

    private static Map<String, INDArray> of(NeuralNetConfiguration conf, INDArray flat) {
        if (!(conf.getLayer() instanceof Bidirectional bidirectional)) {
            return conf.getLayer().initializer().getGradientsFromFlattened(conf, flat);
        }
        // DL4J 1.0.0-M2's BidirectionalParamInitializer hands its own configuration to the wrapped layer's
        // initializer, which then fails to cast it; give each direction a configuration of the wrapped layer
        long half = flat.length() / 2;
        Map<String, INDArray> out = new LinkedHashMap<>();
        INDArray forward = flat.get(NDArrayIndex.interval(0, 0, true), NDArrayIndex.interval(0, half));
        INDArray backward = flat.get(NDArrayIndex.interval(0, 0, true), NDArrayIndex.interval(half, 2 * half));
        of(withLayer(conf, bidirectional.getFwd()), forward)
                .forEach((k, v) -> out.put(BidirectionalParamInitializer.FORWARD_PREFIX + k, v));
        of(withLayer(conf, bidirectional.getBwd()), backward)
                .forEach((k, v) -> out.put(BidirectionalParamInitializer.BACKWARD_PREFIX + k, v));
        return out;
    }

    private static NeuralNetConfiguration withLayer(NeuralNetConfiguration conf,
                                                    org.deeplearning4j.nn.conf.layers.Layer layer) {
        NeuralNetConfiguration copy = conf.clone();
        copy.setLayer(layer);
        return copy;
    }
}

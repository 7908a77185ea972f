package org.sparklstm.models.layers;

import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.params.LSTMParamInitializer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Parameters of a recurrent layer the project implements itself: input weights "W", recurrent weights "RW" and
 * bias "b", named as in DL4J's recurrent layers. A subclass lays them out in the layer's flat parameter array.
 */
public abstract class OwnRecurrentParamInitializer implements ParamInitializer {

    public static final String INPUT_WEIGHT_KEY = LSTMParamInitializer.INPUT_WEIGHT_KEY;
    public static final String RECURRENT_WEIGHT_KEY = LSTMParamInitializer.RECURRENT_WEIGHT_KEY;
    public static final String BIAS_KEY = LSTMParamInitializer.BIAS_KEY;

    private static final List<String> KEYS = List.of(INPUT_WEIGHT_KEY, RECURRENT_WEIGHT_KEY, BIAS_KEY);
    private static final List<String> WEIGHT_KEYS = List.of(INPUT_WEIGHT_KEY, RECURRENT_WEIGHT_KEY);
    private static final List<String> BIAS_KEYS = List.of(BIAS_KEY);

    /** W, RW and b as views of {@code paramsView}, in that order, initialised if {@code initializeParams}. */
    protected abstract Map<String, INDArray> paramViews(NeuralNetConfiguration conf, INDArray paramsView,
                                                        boolean initializeParams);

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        return KEYS;
    }

    @Override
    public List<String> weightKeys(Layer layer) {
        return WEIGHT_KEYS;
    }

    @Override
    public List<String> biasKeys(Layer layer) {
        return BIAS_KEYS;
    }

    @Override
    public boolean isWeightParam(Layer layer, String key) {
        return WEIGHT_KEYS.contains(key);
    }

    @Override
    public boolean isBiasParam(Layer layer, String key) {
        return BIAS_KEYS.contains(key);
    }

    @Override
    public final Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray paramsView,
                                            boolean initializeParams) {
        Map<String, INDArray> params = paramViews(conf, paramsView, initializeParams);
        // the updater reads the variable names from the layer's own configuration
        for (String key : params.keySet()) {
            if (!conf.variables(false).contains(key)) {
                conf.addVariable(key);
            }
        }
        return params;
    }
}

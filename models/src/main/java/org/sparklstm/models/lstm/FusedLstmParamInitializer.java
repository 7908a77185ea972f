package org.sparklstm.models.lstm;

import java.util.List;
import java.util.Map;

import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.params.LSTMParamInitializer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's LSTM parameter layout and initialisation for {@link FusedLstm}. It delegates to
 * {@link LSTMParamInitializer} through an equivalent DL4J {@code LSTM} configuration, so the layout
 * (keys, shapes, orders, offsets, forget-gate bias) is DL4J's by construction rather than by copy.
 */
public final class FusedLstmParamInitializer implements ParamInitializer {

    public static final String INPUT_WEIGHT_KEY = LSTMParamInitializer.INPUT_WEIGHT_KEY;
    public static final String RECURRENT_WEIGHT_KEY = LSTMParamInitializer.RECURRENT_WEIGHT_KEY;
    public static final String BIAS_KEY = LSTMParamInitializer.BIAS_KEY;

    private static final FusedLstmParamInitializer INSTANCE = new FusedLstmParamInitializer();
    private static final LSTMParamInitializer DL4J = LSTMParamInitializer.getInstance();

    private FusedLstmParamInitializer() {
    }

    public static FusedLstmParamInitializer getInstance() {
        return INSTANCE;
    }

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public long numParams(Layer layer) {
        return DL4J.numParams(dl4jTwin(layer));
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        return DL4J.paramKeys(dl4jTwin(layer));
    }

    @Override
    public List<String> weightKeys(Layer layer) {
        return DL4J.weightKeys(dl4jTwin(layer));
    }

    @Override
    public List<String> biasKeys(Layer layer) {
        return DL4J.biasKeys(dl4jTwin(layer));
    }

    @Override
    public boolean isWeightParam(Layer layer, String key) {
        return DL4J.isWeightParam(dl4jTwin(layer), key);
    }

    @Override
    public boolean isBiasParam(Layer layer, String key) {
        return DL4J.isBiasParam(dl4jTwin(layer), key);
    }

    @Override
    public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray paramsView, boolean initializeParams) {
        Map<String, INDArray> params = DL4J.init(twinConfiguration(conf), paramsView, initializeParams);
        // the updater reads the variable names from the layer's own configuration
        for (String key : params.keySet()) {
            if (!conf.variables(false).contains(key)) {
                conf.addVariable(key);
            }
        }
        return params;
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        return DL4J.getGradientsFromFlattened(twinConfiguration(conf), gradientView);
    }

    private static NeuralNetConfiguration twinConfiguration(NeuralNetConfiguration conf) {
        NeuralNetConfiguration twin = conf.clone();
        twin.setLayer(dl4jTwin(conf.getLayer()));
        return twin;
    }

    /** The DL4J LSTM configuration whose parameters are exactly those of the given fused layer. */
    static LSTM dl4jTwin(Layer layer) {
        FusedLstm fused = (FusedLstm) layer;
        LSTM.Builder builder = new LSTM.Builder()
                .nIn(fused.getNIn())
                .nOut(fused.getNOut())
                .activation(fused.getActivationFn())
                .forgetGateBiasInit(fused.getForgetGateBiasInit())
                .dataFormat(fused.getRnnDataFormat());
        if (fused.getWeightInitFn() != null) {
            builder.weightInit(fused.getWeightInitFn());
        }
        if (fused.getWeightInitFnRecurrent() != null) {
            builder.weightInitRecurrent(fused.getWeightInitFnRecurrent());
        }
        if (fused.getBiasInit() != 0) {
            builder.biasInit(fused.getBiasInit());
        }
        return builder.build();
    }
}

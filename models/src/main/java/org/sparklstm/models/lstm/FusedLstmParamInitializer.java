package org.sparklstm.models.lstm;

import java.util.Map;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.params.LSTMParamInitializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sparklstm.models.layers.OwnRecurrentParamInitializer;

/**
 * DL4J's LSTM parameter layout and initialisation for {@link FusedLstm}. It delegates to
 * {@link LSTMParamInitializer} through an equivalent DL4J {@code LSTM} configuration, so the layout
 * (shapes, orders, offsets, forget-gate bias) is DL4J's by construction rather than by copy; the keys are
 * DL4J's LSTM's names, as for every own recurrent layer.
 */
public final class FusedLstmParamInitializer extends OwnRecurrentParamInitializer {

    private static final FusedLstmParamInitializer INSTANCE = new FusedLstmParamInitializer();
    private static final LSTMParamInitializer DL4J = LSTMParamInitializer.getInstance();

    private FusedLstmParamInitializer() {
    }

    public static FusedLstmParamInitializer getInstance() {
        return INSTANCE;
    }

    @Override
    public long numParams(Layer layer) {
        return DL4J.numParams(dl4jTwin(layer));
    }

    @Override
    protected Map<String, INDArray> paramViews(NeuralNetConfiguration conf, INDArray paramsView,
                                               boolean initializeParams) {
        return DL4J.init(twinConfiguration(conf), paramsView, initializeParams);
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

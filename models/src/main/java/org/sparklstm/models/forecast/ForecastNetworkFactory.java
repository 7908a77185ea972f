package org.sparklstm.models.forecast;

import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Builds the DL4J configuration of a {@link ForecastSpec}: LSTM stack, last time step, linear head, MSE. */
public final class ForecastNetworkFactory {

    private ForecastNetworkFactory() {
    }

    public static MultiLayerConfiguration configuration(ForecastSpec spec) {
        NeuralNetConfiguration.Builder base = new NeuralNetConfiguration.Builder()
                .seed(spec.seed())
                .dataType(DataType.FLOAT)
                .weightInit(WeightInit.XAVIER)
                .updater(new Adam(spec.learningRate()));
        if (spec.clipNorm() > 0) {
            base.gradientNormalization(GradientNormalization.ClipL2PerLayer)
                    .gradientNormalizationThreshold(spec.clipNorm());
        }
        double keep = 1.0 - spec.dropout();
        NeuralNetConfiguration.ListBuilder list = base.list();
        int nIn = spec.inputs();
        for (int i = 0; i < spec.layers(); i++) {
            LSTM.Builder lstm = new LSTM.Builder().nIn(nIn).nOut(spec.hidden())
                    .activation(Activation.TANH).forgetGateBiasInit(1.0).dataFormat(RNNFormat.NCW);
            if (i > 0 && spec.dropout() > 0) {
                lstm.dropOut(keep);
            }
            LSTM layer = lstm.build();
            list.layer(i, i == spec.layers() - 1 ? new LastTimeStep(layer) : layer);
            nIn = spec.hidden();
        }
        OutputLayer.Builder out = new OutputLayer.Builder(LossFunctions.LossFunction.MSE)
                .activation(Activation.IDENTITY).nIn(nIn).nOut(spec.outputSize());
        if (spec.dropout() > 0) {
            out.dropOut(keep);
        }
        list.layer(spec.layers(), out.build());
        return list.build();
    }

    public static MultiLayerNetwork create(ForecastSpec spec) {
        MultiLayerNetwork net = new MultiLayerNetwork(configuration(spec));
        net.init();
        return net;
    }
}

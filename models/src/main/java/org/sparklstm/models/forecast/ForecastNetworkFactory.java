package org.sparklstm.models.forecast;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.sparklstm.models.nn.RecurrentLayers;
import org.sparklstm.models.nn.TrainingDefaults;

/**
 * Builds the DL4J configuration of a {@link ForecastSpec}: recurrent stack, the final state of its last layer
 * (of each direction when bidirectional), linear head, MSE.
 */
public final class ForecastNetworkFactory {

    private ForecastNetworkFactory() {
    }

    public static MultiLayerConfiguration configuration(ForecastSpec spec) {
        NeuralNetConfiguration.Builder base = TrainingDefaults.builder(spec.seed(), spec.learningRate(), spec.clipNorm());
        double keep = 1.0 - spec.dropout();
        NeuralNetConfiguration.ListBuilder list = base.list();
        int nIn = spec.inputs();
        for (int i = 0; i < spec.layers(); i++) {
            RecurrentLayers.Built built = RecurrentLayers.build(spec.cell(), spec.bidirectional(), nIn,
                    spec.hidden(), i > 0 && spec.dropout() > 0 ? keep : 0, RNNFormat.NCW);
            if (i < spec.layers() - 1) {
                list.layer(built.layer());
            } else {
                built.finalState().forEach(list::layer);
            }
            nIn = built.outputSize();
        }
        OutputLayer.Builder out = new OutputLayer.Builder(LossFunctions.LossFunction.MSE)
                .activation(Activation.IDENTITY).nIn(nIn).nOut(spec.outputSize());
        if (spec.dropout() > 0) {
            out.dropOut(keep);
        }
        list.layer(out.build());
        return list.build();
    }

    public static MultiLayerNetwork create(ForecastSpec spec) {
        MultiLayerNetwork net = new MultiLayerNetwork(configuration(spec));
        net.init();
        return net;
    }
}

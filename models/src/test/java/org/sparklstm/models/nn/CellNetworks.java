package org.sparklstm.models.nn;

import org.deeplearning4j.nn.conf.BackpropType;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Tiny networks built with {@link RecurrentLayers} for every cell, on dense features [N, nIn, T]. */
public final class CellNetworks {

    private CellNetworks() {
    }

    /** Many-to-many: recurrent layers -> softmax per step (the language model's shape). */
    public static MultiLayerNetwork perStep(RecurrentCell cell, boolean bidirectional, DataType type, int nIn, int hidden,
                                     int layers, int classes, IUpdater updater, int tbptt) {
        NeuralNetConfiguration.ListBuilder list = base(type, updater);
        int width = nIn;
        for (int i = 0; i < layers; i++) {
            RecurrentLayers.Built built = RecurrentLayers.build(cell, bidirectional, width, hidden, 0, RNNFormat.NCW);
            list.layer(i, built.layer());
            width = built.outputSize();
        }
        list.layer(layers, new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                .activation(Activation.SOFTMAX).nIn(width).nOut(classes).dataFormat(RNNFormat.NCW).build());
        if (tbptt > 0) {
            list.backpropType(BackpropType.TruncatedBPTT).tBPTTForwardLength(tbptt).tBPTTBackwardLength(tbptt);
        }
        return init(list);
    }

    /** Many-to-one: recurrent layers, the last one's final state -> linear head with MSE (the forecaster's shape). */
    public static MultiLayerNetwork lastStep(RecurrentCell cell, boolean bidirectional, DataType type, int nIn, int hidden,
                                      int layers, int outputs, IUpdater updater) {
        NeuralNetConfiguration.ListBuilder list = base(type, updater);
        int width = nIn;
        for (int i = 0; i < layers; i++) {
            RecurrentLayers.Built built = RecurrentLayers.build(cell, bidirectional, width, hidden, 0, RNNFormat.NCW);
            if (i < layers - 1) {
                list.layer(built.layer());
            } else {
                built.finalState().forEach(list::layer);
            }
            width = built.outputSize();
        }
        list.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE)
                .activation(Activation.IDENTITY).nIn(width).nOut(outputs).build());
        return init(list);
    }

    private static NeuralNetConfiguration.ListBuilder base(DataType type, IUpdater updater) {
        return new NeuralNetConfiguration.Builder().seed(42).dataType(type).weightInit(WeightInit.XAVIER)
                .updater(updater).list();
    }

    private static MultiLayerNetwork init(NeuralNetConfiguration.ListBuilder list) {
        MultiLayerNetwork net = new MultiLayerNetwork(list.build());
        net.init();
        return net;
    }
}

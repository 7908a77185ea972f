package org.sparklstm.models.train;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.NetworkUtils;

/** Sets a network's learning rate (every layer's) for the next updates; its updater state is kept. */
public final class LearningRates {

    private LearningRates() {
    }

    /** Changes nothing where the rate is already {@code rate}: a constant schedule leaves the network as built. */
    public static void set(MultiLayerNetwork net, double rate) {
        Double current = NetworkUtils.getLearningRate(net, outputLayer(net));
        if (current == null || current != rate) {
            net.setLearningRate(rate);
        }
    }

    /** The rate of the network's output layer, as configured or last set. */
    public static double of(MultiLayerNetwork net) {
        return NetworkUtils.getLearningRate(net, outputLayer(net));
    }

    /** Every layer shares one rate; the output layer always has parameters (a tied embedding has none). */
    private static int outputLayer(MultiLayerNetwork net) {
        return net.getnLayers() - 1;
    }
}

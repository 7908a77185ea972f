package org.sparklstm.models.nn;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.sparklstm.models.output.TiedWeights;

/** Any model's network rebuilt from the configuration JSON it travels as, to the executors or into a run's end. */
public final class Networks {

    private Networks() {
    }

    /** A network from a configuration's JSON, with fresh (seeded) parameters. */
    public static MultiLayerNetwork fromJson(String configurationJson) {
        MultiLayerNetwork net = new MultiLayerNetwork(MultiLayerConfiguration.fromJson(configurationJson));
        net.init();
        return TiedWeights.tie(net);
    }
}

package org.sparklstm.models.train;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.sparklstm.models.nn.Networks;

/**
 * One network per executor thread, reused across rounds: building a network costs far more than
 * loading new parameters into it.
 */
public final class WorkerNetworks {

    private record Cached(String configuration, MultiLayerNetwork network) {
    }

    private static final ThreadLocal<Cached> CACHE = new ThreadLocal<>();

    private WorkerNetworks() {
    }

    public static MultiLayerNetwork get(String configurationJson) {
        Cached cached = CACHE.get();
        if (cached == null || !cached.configuration().equals(configurationJson)) {
            cached = new Cached(configurationJson, Networks.fromJson(configurationJson));
            CACHE.set(cached);
        }
        return cached.network();
    }
}

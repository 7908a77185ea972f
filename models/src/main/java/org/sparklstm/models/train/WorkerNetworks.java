package org.sparklstm.models.train;

import java.util.Map;
import java.util.WeakHashMap;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.sparklstm.models.nn.Networks;

/**
 * One network per executor thread, reused across rounds: building a network costs far more than
 * loading new parameters into it. A thread that ends drops its network with it.
 */
public final class WorkerNetworks {

    private record Cached(String configuration, MultiLayerNetwork network) {
    }

    private static final Map<Thread, Cached> BY_THREAD = new WeakHashMap<>();

    private WorkerNetworks() {
    }

    public static MultiLayerNetwork get(String configurationJson) {
        Thread thread = Thread.currentThread();
        synchronized (BY_THREAD) {
            Cached cached = BY_THREAD.get(thread);
            if (cached == null || !cached.configuration().equals(configurationJson)) {
                cached = new Cached(configurationJson, Networks.fromJson(configurationJson));
                BY_THREAD.put(thread, cached);
            }
            return cached.network();
        }
    }

    /**
     * Drops every thread's network in this JVM, once no task runs: on a local master the executors' threads are
     * the driver's, and their networks (parameters, gradients, Adam moments) would otherwise stay in memory while
     * the run saves its model and writes its tables.
     */
    public static void releaseAll() {
        synchronized (BY_THREAD) {
            BY_THREAD.clear();
        }
    }
}

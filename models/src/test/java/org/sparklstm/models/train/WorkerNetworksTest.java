package org.sparklstm.models.train;

import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.concurrent.atomic.AtomicReference;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.sparklstm.models.lm.LanguageModelSpec;
import org.sparklstm.models.lm.NetworkFactory;

class WorkerNetworksTest {

    private static final String JSON = NetworkFactory.create(new LanguageModelSpec(30, 4, 1, 8, 0.0, 0.01, 1.0, 0, 1))
            .getLayerWiseConfigurations().toJson();

    @Test
    void eachThreadKeepsItsNetworkUntilAllAreReleased() throws InterruptedException {
        MultiLayerNetwork mine = WorkerNetworks.get(JSON);
        assertSame(mine, WorkerNetworks.get(JSON), "the same thread gets its network back");
        AtomicReference<MultiLayerNetwork> other = new AtomicReference<>();
        Thread t = new Thread(() -> other.set(WorkerNetworks.get(JSON)));
        t.start();
        t.join();
        assertNotSame(mine, other.get(), "another thread builds its own");
        WorkerNetworks.releaseAll();
        assertNotSame(mine, WorkerNetworks.get(JSON), "after a release, a new network");
    }
}

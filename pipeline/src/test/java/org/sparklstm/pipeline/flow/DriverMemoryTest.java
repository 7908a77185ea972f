package org.sparklstm.pipeline.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DriverMemoryTest {

    @Test
    void theLiveHeapCountsWhatIsHeldAndThePeakWhatAnyCollectionLeft() throws InterruptedException {
        DriverMemory.watch();
        byte[] held = new byte[64 << 20];
        held[held.length - 1] = 1;
        DriverMemory.trainingEnds();
        double withArray = DriverMemory.liveAfterTrainingMb();
        assertTrue(withArray >= 64, DriverMemory.summary());
        assertEquals(1, held[held.length - 1]);
        // the collector's notifications arrive on a thread of their own
        for (int i = 0; i < 50 && DriverMemory.peakHeapMb() < 64; i++) {
            Thread.sleep(100);
        }
        assertTrue(DriverMemory.peakHeapMb() >= 64, DriverMemory.summary());
        held = null;
        DriverMemory.trainingEnds();
        assertTrue(DriverMemory.liveAfterTrainingMb() <= withArray - 60, DriverMemory.summary());
    }
}

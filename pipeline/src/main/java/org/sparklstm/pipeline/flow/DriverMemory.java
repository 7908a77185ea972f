package org.sparklstm.pipeline.flow;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/** The driver JVM's peak heap so far (on local masters the executors share this JVM). */
public final class DriverMemory {

    private DriverMemory() {
    }

    /** Sum of the heap pools' peak usage: an upper bound, since pools peak at different moments. */
    public static double peakHeapMb() {
        long bytes = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                bytes += pool.getPeakUsage().getUsed();
            }
        }
        return bytes / (1024.0 * 1024.0);
    }
}

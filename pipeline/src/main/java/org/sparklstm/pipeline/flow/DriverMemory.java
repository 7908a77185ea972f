package org.sparklstm.pipeline.flow;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * The driver JVM's heap (on local masters the executors share this JVM): the largest occupancy right after a
 * collection over the run, an upper bound of what it needed (a young collection leaves the old generation's
 * garbage in place), and the heap that is live when training ends, after one full collection: what the run holds
 * while it trains (cached windows, the network, Spark's own state), which shows whether that grows with the corpus.
 */
public final class DriverMemory {

    private static final Set<String> HEAP_POOLS = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
    private static final AtomicLong RUN_PEAK = new AtomicLong();
    private static volatile long liveAfterTraining;
    private static boolean watching;

    private DriverMemory() {
    }

    /** Starts listening to the collector; collections before this call are not seen. */
    public static synchronized void watch() {
        if (watching) {
            return;
        }
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc).addNotificationListener((notification, handback) -> {
                if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                    long after = heapAfter(GarbageCollectionNotificationInfo.from(
                            (CompositeData) notification.getUserData()).getGcInfo().getMemoryUsageAfterGc());
                    RUN_PEAK.accumulateAndGet(after, Math::max);
                }
            }, null, null);
        }
        watching = true;
    }

    /** Training has ended: measures the live heap, with a full collection that takes a moment. */
    public static void trainingEnds() {
        System.gc();
        liveAfterTraining = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** The largest heap occupancy after a collection since {@link #watch}; 0 if none ran. */
    public static double peakHeapMb() {
        return RUN_PEAK.get() / (1024.0 * 1024.0);
    }

    /** The heap live when training ended; 0 before. */
    public static double liveAfterTrainingMb() {
        return liveAfterTraining / (1024.0 * 1024.0);
    }

    /** What the console reports of a run that does not train: the peak alone. */
    public static String peakSummary() {
        return String.format("driver heap: peak after a collection %,.0f MB", peakHeapMb());
    }

    /** What the console reports of a training run. */
    public static String summary() {
        return String.format("driver heap: %,.0f MB live after training, peak after a collection %,.0f MB",
                liveAfterTrainingMb(), peakHeapMb());
    }

    private static long heapAfter(Map<String, MemoryUsage> pools) {
        return pools.entrySet().stream().filter(e -> HEAP_POOLS.contains(e.getKey()))
                .mapToLong(e -> e.getValue().getUsed()).sum();
    }
}

package org.sparklstm.pipeline.sequences;

import java.util.Iterator;
import java.util.List;
import org.apache.spark.Partitioner;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.storage.StorageLevel;
import org.sparklstm.models.lm.WindowSource;
import scala.Tuple2;

/**
 * Puts windows into one partition per worker (sizes differ by at most one) and keeps each partition's windows
 * in index order in its {@link WindowStore}, so the layout is the same on every run whatever order the shuffle
 * delivers. Windows are either dealt round-robin by index, or cut into contiguous spans, so that a worker's
 * windows are consecutive in the stream (stateful training).
 */
public final class WorkerPartitioner {

    private WorkerPartitioner() {
    }

    /** Windows dealt round-robin by index, kept in memory. */
    public static JavaRDD<WindowSource> blocks(JavaRDD<Window> windows, int workers, int windowTokens) {
        return blocks(windows, workers, windowTokens, false, WindowStore.MEMORY);
    }

    /**
     * Windows dealt round-robin, or in contiguous spans when {@code contiguous}: worker w then gets the w-th of
     * {@code workers} near-equal spans, so its windows, in order, continue one another in the stream.
     */
    public static JavaRDD<WindowSource> blocks(JavaRDD<Window> windows, int workers, int windowTokens,
                                               boolean contiguous, WindowStore store) {
        Partitioner partitioner = contiguous ? new SpanPartitioner(checked(workers), windows.count())
                : new ModuloPartitioner(checked(workers));
        // the shuffle sorts by index and spills as it needs to: a worker's windows stream into its store in order
        return windows.mapToPair(w -> new Tuple2<>(w.index(), w.tokens()))
                .repartitionAndSortWithinPartitions(partitioner)
                .mapPartitionsWithIndex((worker, it) -> List.of(store.keep(worker,
                        values(it), windowTokens)).iterator(), true)
                .persist(StorageLevel.MEMORY_ONLY());
    }

    private static Iterator<int[]> values(Iterator<Tuple2<Long, int[]>> indexed) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return indexed.hasNext();
            }

            @Override
            public int[] next() {
                return indexed.next()._2();
            }
        };
    }

    private static int checked(int workers) {
        if (workers < 1) {
            throw new IllegalArgumentException("train.workers: " + workers + " must be >= 1");
        }
        return workers;
    }

    /** Key {@code i} goes to partition {@code i mod n}: dealing by index. */
    public static final class ModuloPartitioner extends Partitioner {
        private final int partitions;

        public ModuloPartitioner(int partitions) {
            this.partitions = partitions;
        }

        @Override
        public int numPartitions() {
            return partitions;
        }

        @Override
        public int getPartition(Object key) {
            return (int) Math.floorMod((Long) key, (long) partitions);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ModuloPartitioner m && m.partitions == partitions;
        }

        @Override
        public int hashCode() {
            return partitions;
        }
    }

    /** Key {@code i} of {@code count} goes to partition {@code i x n / count}: contiguous spans. */
    public static final class SpanPartitioner extends Partitioner {
        private final int partitions;
        private final long count;

        public SpanPartitioner(int partitions, long count) {
            this.partitions = partitions;
            this.count = Math.max(1, count);
        }

        @Override
        public int numPartitions() {
            return partitions;
        }

        @Override
        public int getPartition(Object key) {
            return (int) Math.min(partitions - 1, (Long) key * partitions / count);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof SpanPartitioner s && s.partitions == partitions && s.count == count;
        }

        @Override
        public int hashCode() {
            return 31 * partitions + Long.hashCode(count);
        }
    }
}

package org.sparklstm.pipeline.sequences;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.Partitioner;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.storage.StorageLevel;
import org.sparklstm.models.lm.SequenceBlock;
import scala.Tuple2;

/**
 * Puts windows into one partition per worker (sizes differ by at most one) and packs each partition
 * into a single {@link SequenceBlock} in index order, so the layout is the same on every run whatever
 * order the shuffle delivers. Windows are either dealt round-robin by index, or cut into contiguous
 * spans, so that a worker's windows are consecutive in the stream (stateful training).
 */
public final class WorkerPartitioner {

    private WorkerPartitioner() {
    }

    /** Windows dealt round-robin by index. */
    public static JavaRDD<SequenceBlock> blocks(JavaRDD<Window> windows, int workers, int windowTokens) {
        return blocks(windows, new ModuloPartitioner(checked(workers)), windowTokens);
    }

    /**
     * Windows in contiguous spans of their index: worker w gets the w-th of {@code workers} near-equal spans, so
     * its windows, in order, continue one another in the stream.
     */
    public static JavaRDD<SequenceBlock> contiguous(JavaRDD<Window> windows, int workers, int windowTokens) {
        return blocks(windows, new SpanPartitioner(checked(workers), windows.count()), windowTokens);
    }

    /** Windows dealt round-robin, or in contiguous spans when {@code contiguous}. */
    public static JavaRDD<SequenceBlock> blocks(JavaRDD<Window> windows, int workers, int windowTokens,
                                                boolean contiguous) {
        return contiguous ? contiguous(windows, workers, windowTokens) : blocks(windows, workers, windowTokens);
    }

    private static int checked(int workers) {
        if (workers < 1) {
            throw new IllegalArgumentException("train.workers: " + workers + " must be >= 1");
        }
        return workers;
    }

    private static JavaRDD<SequenceBlock> blocks(JavaRDD<Window> windows, Partitioner partitioner, int windowTokens) {
        return windows.mapToPair(w -> new Tuple2<>(w.index(), w.tokens()))
                .partitionBy(partitioner)
                .mapPartitions(it -> {
                    List<Tuple2<Long, int[]>> list = new ArrayList<>();
                    it.forEachRemaining(list::add);
                    list.sort(Comparator.comparing(Tuple2::_1));
                    return List.of(SequenceBlock.of(windowTokens, list.stream().map(Tuple2::_2).toList())).iterator();
                }, true)
                .persist(StorageLevel.MEMORY_ONLY());
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

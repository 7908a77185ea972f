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
 * Deals windows round-robin by index into one partition per worker (sizes differ by at most one)
 * and packs each partition into a single {@link SequenceBlock} in index order, so the layout is the
 * same on every run whatever order the shuffle delivers.
 */
public final class WorkerPartitioner {

    private WorkerPartitioner() {
    }

    public static JavaRDD<SequenceBlock> blocks(JavaRDD<Window> windows, int workers, int windowTokens) {
        if (workers < 1) {
            throw new IllegalArgumentException("train.workers: " + workers + " must be >= 1");
        }
        return windows.mapToPair(w -> new Tuple2<>(w.index(), w.tokens()))
                .partitionBy(new ModuloPartitioner(workers))
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
}

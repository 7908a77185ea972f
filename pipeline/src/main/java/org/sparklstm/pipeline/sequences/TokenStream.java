package org.sparklstm.pipeline.sequences;

import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.storage.StorageLevel;

/**
 * A corpus as one token stream cut into ordered chunks (one int array per partition), with each
 * chunk's global start position.
 */
public record TokenStream(JavaRDD<int[]> chunks, long[] offsets, long length) {

    public static TokenStream of(JavaRDD<int[]> chunks) {
        return of(chunks, StorageLevel.MEMORY_AND_DISK());
    }

    public static TokenStream of(JavaRDD<int[]> chunks, StorageLevel level) {
        JavaRDD<int[]> cached = chunks.persist(level);
        List<Integer> sizes = cached.map(c -> c.length).collect();
        long[] offsets = new long[sizes.size()];
        long total = 0;
        for (int i = 0; i < offsets.length; i++) {
            offsets[i] = total;
            total += sizes.get(i);
        }
        return new TokenStream(cached, offsets, total);
    }
}

package org.sparklstm.pipeline.io;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;

/**
 * A partition's rows handled a chunk at a time: read as they are asked for, so a partition is never held whole,
 * and each chunk is big enough to score in minibatches.
 */
public final class Chunks {

    private Chunks() {
    }

    /** What {@code work} gives for each chunk of at most {@code size} rows, in order, one chunk at a time. */
    public static <T, R> Iterator<R> flatMap(Iterator<T> rows, int size, Function<List<T>, List<R>> work) {
        return new Iterator<>() {
            private Iterator<R> current = Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!current.hasNext() && rows.hasNext()) {
                    List<T> chunk = new ArrayList<>(size);
                    while (rows.hasNext() && chunk.size() < size) {
                        chunk.add(rows.next());
                    }
                    current = work.apply(chunk).iterator();
                }
                return current.hasNext();
            }

            @Override
            public R next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return current.next();
            }
        };
    }
}

package org.sparklstm.pipeline.sequences;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Locale;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;
import org.apache.spark.storage.StorageLevel;
import org.sparklstm.models.lm.SequenceBlock;
import org.sparklstm.models.lm.WindowSource;
import org.sparklstm.pipeline.io.HadoopConf;
import org.sparklstm.pipeline.text.IntBuffer;

/**
 * Where each worker keeps its windows while a run trains on them ({@code sequence.store}).
 *
 * @param directory where {@link Kind#DISK} writes one file per worker; null in memory
 */
public record WindowStore(Kind kind, String directory) implements Serializable {

    public enum Kind {
        /** One cached block per worker: the fastest, for a worker's share that fits in its executor's memory. */
        MEMORY,
        /**
         * One file per worker on the run's file system, read a minibatch at a time: for corpora larger than the
         * executors' memory.
         */
        DISK;

        public String configName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static final WindowStore MEMORY = new WindowStore(Kind.MEMORY, null);

    public static WindowStore disk(String directory) {
        return new WindowStore(Kind.DISK, directory);
    }

    /**
     * How the stages before the store cache what they hand on: as they would ({@code inMemory}, spilling when
     * memory runs short) beside a memory store; on disk only beside a disk store, so that no stage's heap grows
     * with the corpus.
     */
    public StorageLevel cache(StorageLevel inMemory) {
        return kind == Kind.MEMORY ? inMemory : StorageLevel.DISK_ONLY();
    }

    /** The store of another set of windows (training, validation, test): its own directory on disk. */
    public WindowStore forSet(String name) {
        return kind == Kind.MEMORY ? this : disk(new Path(directory, name).toString());
    }

    /** Keeps one worker's windows, given in index order, each {@code windowTokens} long. */
    WindowSource keep(int worker, Iterator<int[]> windows, int windowTokens) {
        return kind == Kind.MEMORY ? inMemory(windows, windowTokens) : toFile(worker, windows, windowTokens);
    }

    private static SequenceBlock inMemory(Iterator<int[]> windows, int windowTokens) {
        IntBuffer tokens = new IntBuffer();
        int count = 0;
        while (windows.hasNext()) {
            int[] w = checked(windows.next(), count++, windowTokens);
            for (int token : w) {
                tokens.add(token);
            }
        }
        return new SequenceBlock(windowTokens, tokens.toArray());
    }

    /** Written under a temporary name and renamed when whole, so a failed task leaves no half file behind. */
    private WindowFile toFile(int worker, Iterator<int[]> windows, int windowTokens) {
        Path file = new Path(directory, String.format("part-%05d.windows", worker));
        Path tmp = new Path(directory, "." + file.getName() + "." + TaskContext.get().taskAttemptId() + ".tmp");
        int count = 0;
        try {
            FileSystem fs = file.getFileSystem(HadoopConf.onExecutor());
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(fs.create(tmp, true), 1 << 16))) {
                while (windows.hasNext()) {
                    for (int token : checked(windows.next(), count, windowTokens)) {
                        out.writeInt(token);
                    }
                    count++;
                }
            }
            fs.delete(file, false);
            if (!fs.rename(tmp, file)) {
                throw new IOException("could not move " + tmp + " to " + file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the windows of worker " + worker + " to " + file, e);
        }
        return new WindowFile(file.toString(), windowTokens, count);
    }

    private static int[] checked(int[] window, int index, int windowTokens) {
        if (window.length != windowTokens) {
            throw new IllegalArgumentException("window " + index + " has " + window.length + " tokens, not "
                    + windowTokens);
        }
        return window;
    }
}

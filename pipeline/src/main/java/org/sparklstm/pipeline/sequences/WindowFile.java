package org.sparklstm.pipeline.sequences;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.Path;
import org.sparklstm.models.lm.SequenceBlock;
import org.sparklstm.models.lm.WindowSource;
import org.sparklstm.pipeline.io.HadoopConf;

/**
 * One worker's windows in a file on the run's file system, as big-endian 32-bit token ids, window after window
 * ({@link WindowStore#DISK}). A read opens the file and fetches only the windows asked for, a run of consecutive
 * ones in one positioned read, so a worker holds one minibatch in memory, never its share of the corpus.
 */
public record WindowFile(String path, int windowLength, int size) implements WindowSource {

    static final int BYTES_PER_TOKEN = Integer.BYTES;

    @Override
    public SequenceBlock read(int[] windows) {
        int[] tokens = new int[windows.length * windowLength];
        Path file = new Path(path);
        try (FSDataInputStream in = file.getFileSystem(HadoopConf.onExecutor()).open(file)) {
            int i = 0;
            while (i < windows.length) {
                int run = 1;
                while (i + run < windows.length && windows[i + run] == windows[i] + run) {
                    run++;
                }
                if (windows[i] < 0 || windows[i] + run > size) {
                    throw new IndexOutOfBoundsException("windows " + windows[i] + ".." + (windows[i] + run - 1)
                            + " of " + path + ", which holds " + size);
                }
                byte[] bytes = new byte[run * windowLength * BYTES_PER_TOKEN];
                in.readFully((long) windows[i] * windowLength * BYTES_PER_TOKEN, bytes);
                ByteBuffer.wrap(bytes).asIntBuffer().get(tokens, i * windowLength, run * windowLength);
                i += run;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read windows from " + path, e);
        }
        return new SequenceBlock(windowLength, tokens);
    }
}

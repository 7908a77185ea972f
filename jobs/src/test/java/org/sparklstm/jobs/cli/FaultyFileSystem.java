package org.sparklstm.jobs.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.util.Progressable;

/**
 * The local file system under the scheme {@code faulty:}, which fails on purpose: a rename whose target's name is
 * {@link #failRenameTo}, or a write that passes {@link #failWriteAfter} bytes into the {@link #failWriteNumber}-th file
 * named {@link #failWriteOf}. Registered for Hadoop in {@code META-INF/services}; tests arm it and disarm it.
 */
public class FaultyFileSystem extends RawLocalFileSystem {

    static volatile String failRenameTo;
    static volatile String failWriteOf;
    static volatile long failWriteAfter;
    /** Which write of {@link #failWriteOf} fails: 1 the first. */
    static volatile int failWriteNumber = 1;
    private static final java.util.concurrent.atomic.AtomicInteger WRITES = new java.util.concurrent.atomic.AtomicInteger();

    static void disarm() {
        failRenameTo = null;
        failWriteOf = null;
        failWriteNumber = 1;
        WRITES.set(0);
    }

    @Override
    public String getScheme() {
        return "faulty";
    }

    @Override
    public URI getUri() {
        return URI.create("faulty:///");
    }

    @Override
    public boolean rename(Path src, Path dst) throws IOException {
        if (dst.getName().equals(failRenameTo)) {
            throw new IOException("injected failure: rename " + src + " to " + dst);
        }
        return super.rename(src, dst);
    }

    @Override
    public FSDataOutputStream create(Path f, FsPermission permission, boolean overwrite, int bufferSize,
                                     short replication, long blockSize, Progressable progress) throws IOException {
        return failing(f, super.create(f, permission, overwrite, bufferSize, replication, blockSize, progress));
    }

    @Override
    public FSDataOutputStream create(Path f, boolean overwrite, int bufferSize, short replication, long blockSize,
                                     Progressable progress) throws IOException {
        return failing(f, super.create(f, overwrite, bufferSize, replication, blockSize, progress));
    }

    private static FSDataOutputStream failing(Path f, FSDataOutputStream out) {
        boolean fails = f.getName().equals(failWriteOf) && WRITES.incrementAndGet() == failWriteNumber;
        return fails ? new FSDataOutputStream(new Failing(out, failWriteAfter), null) : out;
    }

    /** Fails the write that passes the byte limit, as a full disk or a lost connection would. */
    private static final class Failing extends OutputStream {
        private final OutputStream out;
        private long left;

        Failing(OutputStream out, long limit) {
            this.out = out;
            this.left = limit;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[]{(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (len > left) {
                out.write(b, off, (int) left);
                left = 0;
                throw new IOException("injected failure: the write passed its byte limit");
            }
            out.write(b, off, len);
            left -= len;
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }
}

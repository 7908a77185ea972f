package org.sparklstm.pipeline.registry;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The lock that lets one {@code retrain} at a time decide a registry's next version: a file created only if
 * absent (atomic on HDFS, which refuses an existing path at the NameNode, and on the local FS, where it is an
 * exclusive create), holding its {@link LockHolder} as JSON. Closing it removes the file if it is still this
 * holder's. A crashed holder leaves the file behind; {@link Staleness} says when it may be broken.
 */
public final class RegistryLock implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(500);
    /** an unreadable lock file younger than this is taken to be still being written */
    private static final Duration WRITING = Duration.ofSeconds(10);

    private final FileSystem fs;
    private final Path file;
    private final LockHolder holder;
    private final PrintStream out;
    private boolean released;

    private RegistryLock(FileSystem fs, Path file, LockHolder holder, PrintStream out) {
        this.fs = fs;
        this.file = file;
        this.holder = holder;
        this.out = out;
    }

    /**
     * Takes the lock for {@code me}, waiting up to {@code policy.waitFor()} for a live holder to release it.
     *
     * @throws RegistryLockedException naming the holder, when it still holds the lock after the wait, or at once
     *                                 when its process is gone and the policy does not break stale locks
     */
    public static RegistryLock acquire(FileSystem fs, Path file, LockHolder me, LockPolicy policy, PrintStream out)
            throws IOException {
        Instant deadline = Instant.now().plus(policy.waitFor());
        boolean announced = false;
        while (true) {
            if (create(fs, file, me)) {
                return new RegistryLock(fs, file, me, out);
            }
            Optional<LockHolder> read = read(fs, file);
            if (read.isEmpty()) {
                // released meanwhile, or its holder is still writing it
                pause(Duration.ofMillis(100));
                continue;
            }
            LockHolder h = read.get();
            Staleness staleness = Staleness.of(h, Instant.now(), policy.staleAfter(), LockHolder.thisHost());
            if (staleness.stale() && policy.breakStale()) {
                out.println("breaking the stale registry lock " + file + " of " + h.describe() + ": "
                        + staleness.reason(h, policy.staleAfter()));
                breakLock(fs, file, h);
                continue;
            }
            Duration left = Duration.between(Instant.now(), deadline);
            // a holder whose process is gone will never release it: waiting would not help
            if (staleness == Staleness.OWNER_GONE || left.isNegative() || left.isZero()) {
                throw refused(file, h, staleness, policy);
            }
            if (!announced) {
                out.println("waiting up to " + policy.waitFor() + " for the registry lock " + file + ", held by "
                        + h.describe());
                announced = true;
            }
            pause(left.compareTo(POLL) < 0 ? left : POLL);
        }
    }

    public LockHolder holder() {
        return holder;
    }

    /** Removes the lock file if it is still this holder's; a second call does nothing. */
    @Override
    public void close() throws IOException {
        if (released) {
            return;
        }
        released = true;
        Optional<LockHolder> now = read(fs, file);
        if (now.isPresent() && now.get().equals(holder)) {
            fs.delete(file, false);
        } else {
            // broken by another retrain (--break-lock) while this one ran: its lock is not ours to remove
            out.println("warning: the registry lock " + file + " is no longer this run's ("
                    + now.map(LockHolder::describe).orElse("no lock file") + "); left as it is");
        }
    }

    /** Whether the file was created, with {@code me} in it; false when it already exists. */
    private static boolean create(FileSystem fs, Path file, LockHolder me) throws IOException {
        byte[] json = me.toJson().getBytes(StandardCharsets.UTF_8);
        if ("file".equals(fs.getScheme())) {
            // the local FileSystem checks for the file and then creates it: O_EXCL is the atomic create
            try (OutputStream o = Files.newOutputStream(Paths.get(fs.makeQualified(file).toUri()),
                    StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                o.write(json);
                return true;
            } catch (java.nio.file.FileAlreadyExistsException e) {
                return false;
            }
        }
        try (OutputStream o = fs.create(file, false)) {
            o.write(json);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (IOException e) {
            // HDFS: another client has the file open for writing (AlreadyBeingCreatedException)
            if (fs.exists(file)) {
                return false;
            }
            throw e;
        }
    }

    /** The holder named in the file; empty when there is no file or it is still being written. */
    static Optional<LockHolder> read(FileSystem fs, Path file) throws IOException {
        String text;
        Instant modified;
        try {
            modified = Instant.ofEpochMilli(fs.getFileStatus(file).getModificationTime());
            try (FSDataInputStream in = fs.open(file)) {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (java.io.FileNotFoundException e) {
            return Optional.empty();
        }
        try {
            return Optional.of(LockHolder.fromJson(text));
        } catch (IOException e) {
            if (Duration.between(modified, Instant.now()).compareTo(WRITING) < 0) {
                return Optional.empty();
            }
            // a damaged lock names no process: only its age can make it stale
            return Optional.of(new LockHolder("unknown", "unknown", -1, "unknown (unreadable lock file: "
                    + e.getMessage() + ")", modified));
        }
    }

    /**
     * Deletes the file if it still names {@code stale}. Between the read and the delete another retrain could
     * break it too and take it; --break-lock is for an operator who knows no retrain runs.
     */
    private static void breakLock(FileSystem fs, Path file, LockHolder stale) throws IOException {
        Optional<LockHolder> now = read(fs, file);
        if (now.isPresent() && now.get().equals(stale)) {
            fs.delete(file, false);
        }
    }

    private static RegistryLockedException refused(Path file, LockHolder h, Staleness staleness, LockPolicy policy) {
        String held = "the registry is locked by " + h.describe() + " (lock file " + file + ")";
        String message = staleness.stale()
                ? held + ", which is stale: " + staleness.reason(h, policy.staleAfter()) + ". If no retrain is "
                + "running on this registry, run again with --break-lock"
                : held + "; waited " + policy.waitFor() + " (retrain.lock-wait). Another retrain is running: try "
                + "again when it is done" + (policy.breakStale() ? " (--break-lock breaks only a stale lock: "
                + staleness.reason(h, policy.staleAfter()) + ")" : "");
        return new RegistryLockedException(message, h, staleness);
    }

    private static void pause(Duration d) throws InterruptedIOException {
        try {
            Thread.sleep(Math.max(1, d.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the registry lock");
        }
    }
}

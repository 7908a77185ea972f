package org.sparklstm.pipeline.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A run's output directory. Tables and the model are written under {@code _staging} and moved into
 * place when the run succeeds, after which {@code _SUCCESS} is written last: a directory without it
 * is not a finished run. A failed run keeps only a {@code _FAILED} file with the reason, and its
 * checkpoints if it wrote any. Working data the run needs only while it runs goes under {@code _scratch}, which
 * every ending removes.
 */
public final class RunDirectory {

    public static final String SUCCESS = "_SUCCESS";
    public static final String FAILED = "_FAILED";
    public static final String CHECKPOINTS = "checkpoints";
    private static final String STAGING = "_staging";
    private static final String SCRATCH = "_scratch";

    private final FileSystem fs;
    private final Path target;
    private final Path staging;
    // written by the training thread, read by whoever stops the run from outside
    private volatile String position;

    private RunDirectory(FileSystem fs, Path target) {
        this.fs = fs;
        this.target = target;
        this.staging = new Path(target, STAGING);
    }

    /** Refuses an existing non-empty directory unless {@code overwrite}; checked before any work starts. */
    public static void checkWritable(String key, String path, boolean overwrite, Configuration hadoop) {
        try {
            Path p = new Path(path);
            FileSystem fs = p.getFileSystem(hadoop);
            if (fs.exists(p)) {
                FileStatus status = fs.getFileStatus(p);
                if (!status.isDirectory()) {
                    throw new IllegalArgumentException(key + ": '" + path + "' is a file, expected a run directory");
                }
                if (!overwrite && !onlyFailureMarker(fs, p)) {
                    String what = fs.exists(new Path(p, FAILED)) ? "holds a failed run (see its " + FAILED + ")"
                            : fs.exists(new Path(p, SUCCESS)) ? "holds a finished run" : "is not empty";
                    throw new IllegalArgumentException(key + ": '" + path + "' exists and " + what
                            + "; choose a new run directory or pass --overwrite");
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(key + ": cannot use '" + path + "': " + e.getMessage(), e);
        }
    }

    /**
     * Empty, or a failed run that left nothing but its {@code _FAILED} note and its quarantine table: nothing would
     * be lost that the next run does not write again.
     */
    private static boolean onlyFailureMarker(FileSystem fs, Path dir) throws IOException {
        FileStatus[] children = fs.listStatus(dir);
        boolean failed = fs.exists(new Path(dir, FAILED));
        for (FileStatus child : children) {
            String name = child.getPath().getName();
            if (!name.equals(FAILED) && !(failed && name.equals(Tables.QUARANTINE))) {
                return false;
            }
        }
        return true;
    }

    /** A run directory (it has a marker, staging or checkpoints) whose run has not finished. */
    public static boolean holdsUnfinishedRun(Path dir, Configuration hadoop) throws IOException {
        if (dir == null) {
            return false;
        }
        FileSystem fs = dir.getFileSystem(hadoop);
        boolean runDirectory = fs.exists(new Path(dir, STAGING)) || fs.exists(new Path(dir, FAILED))
                || fs.exists(new Path(dir, CHECKPOINTS));
        return runDirectory && !fs.exists(new Path(dir, SUCCESS));
    }

    /** Starts a new run in {@code path}, replacing what was there (checked by {@link #checkWritable}). */
    public static RunDirectory begin(String path, Configuration hadoop) throws IOException {
        Path target = new Path(path);
        FileSystem fs = target.getFileSystem(hadoop);
        fs.delete(target, true);
        RunDirectory run = new RunDirectory(fs, target);
        fs.mkdirs(run.staging);
        return run;
    }

    /** Reopens an unfinished run to continue it: its checkpoints are kept, its staged outputs redone. */
    public static RunDirectory reopen(String path, Configuration hadoop) throws IOException {
        Path target = new Path(path);
        FileSystem fs = target.getFileSystem(hadoop);
        if (!fs.isDirectory(target)) {
            throw new IllegalArgumentException("--resume: '" + path + "' is not a run directory");
        }
        if (fs.exists(new Path(target, SUCCESS))) {
            throw new IllegalArgumentException("--resume: '" + path + "' is a finished run (it has " + SUCCESS + ")");
        }
        RunDirectory run = new RunDirectory(fs, target);
        fs.delete(run.staging, true);
        fs.delete(new Path(target, SCRATCH), true);
        fs.delete(new Path(target, FAILED), false);
        fs.mkdirs(run.staging);
        return run;
    }

    /** Where a table or the model goes while the run is in progress. */
    public String path(String name) {
        return new Path(staging, name).toString();
    }

    /** Where the run keeps working data it needs only while it runs (removed when it ends, either way). */
    public String scratch(String name) {
        return new Path(new Path(target, SCRATCH), name).toString();
    }

    public String finalPath(String name) {
        return new Path(target, name).toString();
    }

    public String target() {
        return target.toString();
    }

    /** Whether a file or folder {@code name} exists at the run directory's root. */
    public boolean has(String name) throws IOException {
        return fs.exists(new Path(target, name));
    }

    /** Whether an output {@code name} has been staged (written by this run, not yet moved into place). */
    public boolean hasStaged(String name) throws IOException {
        return fs.exists(new Path(staging, name));
    }

    /** Notes where the run stands ({@code epoch 2 of 3, round 14 of 40}), for the reason of a run stopped from outside. */
    public void notePosition(String where) {
        position = where;
    }

    /** Where the run last noted it stood, if it did. */
    public Optional<String> position() {
        return Optional.ofNullable(position);
    }

    /** A small file at the run directory's root, written whole or not at all. */
    public void writeText(String name, String text) throws IOException {
        Path tmp = new Path(target, "." + name + ".tmp");
        try (OutputStream out = fs.create(tmp, true)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        Path file = new Path(target, name);
        fs.delete(file, false);
        if (!fs.rename(tmp, file)) {
            throw new IOException("could not move " + tmp + " to " + file);
        }
    }

    public static String readText(Path file, Configuration hadoop) throws IOException {
        FileSystem fs = file.getFileSystem(hadoop);
        try (FSDataInputStream in = fs.open(file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Moves the staged outputs into place, then marks the run finished. */
    public void commit() throws IOException {
        for (FileStatus staged : fs.listStatus(staging)) {
            Path destination = new Path(target, staged.getPath().getName());
            fs.delete(destination, true);
            if (!fs.rename(staged.getPath(), destination)) {
                throw new IOException("could not move " + staged.getPath() + " to " + destination);
            }
        }
        fs.delete(staging, true);
        fs.delete(new Path(target, SCRATCH), true);
        fs.create(new Path(target, SUCCESS), true).close();
    }

    /** Removes the staged outputs and the scratch data, as every ending that is not a commit does. */
    public void discardWork() throws IOException {
        fs.delete(staging, true);
        fs.delete(new Path(target, SCRATCH), true);
    }

    /**
     * Removes the staged outputs and marks the run failed with the reason. A run with checkpoints keeps
     * them (and what resuming needs); one without keeps nothing else. A quarantine table written before the failure
     * is kept beside the marker: it often says why the run failed (everything quarantined, too much quarantined).
     */
    public void fail(Throwable cause) {
        fail(reason(cause));
    }

    /** The failure and what caused it, as far down as it goes: the root cause is what an operator acts on. */
    static String reason(Throwable failure) {
        StringBuilder reason = new StringBuilder(failure.toString());
        for (Throwable t = failure.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
            String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
            if (reason.indexOf(message) < 0) {
                reason.append(": ").append(message);
            }
        }
        return reason.toString();
    }

    /** {@link #fail(Throwable)} with the reason in words (a run stopped from outside has no exception of its own). */
    public void fail(String reason) {
        try {
            Path quarantine = new Path(target, Tables.QUARANTINE);
            fs.delete(quarantine, true);
            Path stagedQuarantine = new Path(staging, Tables.QUARANTINE);
            if (fs.exists(new Path(stagedQuarantine, SUCCESS))) {
                fs.rename(stagedQuarantine, quarantine);
            }
            discardWork();
            if (!fs.exists(new Path(target, CHECKPOINTS))) {
                for (FileStatus child : fs.listStatus(target)) {
                    if (!child.getPath().getName().equals(Tables.QUARANTINE)) {
                        fs.delete(child.getPath(), true);
                    }
                }
            }
            writeText(FAILED, reason + "\n");
        } catch (IOException ignored) {
            // best effort: the run is already failing with its own error, and has no _SUCCESS
        }
    }
}

package org.sparklstm.pipeline.io;

import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A run's output directory. Everything is written to a hidden staging directory beside it and moved
 * into place only when the run succeeds, so a failed run leaves no half-written output.
 */
public final class RunDirectory {

    private final FileSystem fs;
    private final Path target;
    private final Path staging;

    private RunDirectory(FileSystem fs, Path target, Path staging) {
        this.fs = fs;
        this.target = target;
        this.staging = staging;
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
                if (fs.listStatus(p).length > 0 && !overwrite) {
                    throw new IllegalArgumentException(key + ": '" + path
                            + "' exists and is not empty; choose a new run directory or pass --overwrite");
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(key + ": cannot use '" + path + "': " + e.getMessage(), e);
        }
    }

    public static RunDirectory begin(String path, String runId, Configuration hadoop) throws IOException {
        Path target = new Path(path);
        FileSystem fs = target.getFileSystem(hadoop);
        Path staging = new Path(target.getParent(), "." + target.getName() + ".inprogress-" + runId);
        fs.delete(staging, true);
        fs.mkdirs(staging);
        return new RunDirectory(fs, target, staging);
    }

    /** Where a table or the model goes while the run is in progress. */
    public String path(String name) {
        return new Path(staging, name).toString();
    }

    public String finalPath(String name) {
        return new Path(target, name).toString();
    }

    public String target() {
        return target.toString();
    }

    public void commit() throws IOException {
        if (fs.exists(target)) {
            fs.delete(target, true);
        }
        if (!fs.rename(staging, target)) {
            throw new IOException("could not move " + staging + " to " + target);
        }
    }

    public void abandon() {
        try {
            fs.delete(staging, true);
        } catch (IOException ignored) {
            // best effort: the staging directory is hidden and named after the run
        }
    }
}

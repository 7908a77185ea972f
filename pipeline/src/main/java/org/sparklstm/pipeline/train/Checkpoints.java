package org.sparklstm.pipeline.train;

import java.io.IOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A run's checkpoints on any Hadoop FileSystem, one folder each ({@code epoch-0002-round-000040}). A
 * checkpoint is written into a hidden folder and renamed into place, so a reader sees it whole or not
 * at all; once it is in place the older ones are deleted. {@link CheckpointFormat} says what a folder holds.
 */
public final class Checkpoints {

    private final FileSystem fs;
    private final Path dir;

    public Checkpoints(String dir, Configuration hadoop) throws IOException {
        Path path = new Path(dir);
        this.fs = path.getFileSystem(hadoop);
        this.dir = fs.makeQualified(path);
    }

    /** @return where the checkpoint now is */
    public String save(Checkpoint checkpoint) throws IOException {
        TrainingPosition p = checkpoint.position();
        String name = String.format("epoch-%04d-round-%06d", p.epoch(), p.nextRound());
        Path tmp = new Path(dir, ".tmp-" + name);
        fs.delete(tmp, true);
        fs.mkdirs(tmp);
        CheckpointFormat.write(checkpoint, fs, tmp);
        Path target = new Path(dir, name);
        fs.delete(target, true);
        if (!fs.rename(tmp, target)) {
            throw new IOException("could not move checkpoint " + tmp + " to " + target);
        }
        for (FileStatus old : complete()) {
            if (!old.getPath().getName().equals(name)) {
                fs.delete(old.getPath(), true);
            }
        }
        return target.toString();
    }

    public Optional<String> latestPath() throws IOException {
        return Arrays.stream(complete()).map(s -> s.getPath().toString()).max(Comparator.naturalOrder());
    }

    /** @throws UnreadableCheckpointException naming the file, when the newest checkpoint cannot be read */
    public Optional<Checkpoint> latest() throws IOException {
        Optional<String> path = latestPath();
        if (path.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(CheckpointFormat.read(fs, new Path(path.get())));
    }

    private FileStatus[] complete() throws IOException {
        if (!fs.exists(dir)) {
            return new FileStatus[0];
        }
        return fs.listStatus(dir, path -> path.getName().startsWith("epoch-"));
    }
}

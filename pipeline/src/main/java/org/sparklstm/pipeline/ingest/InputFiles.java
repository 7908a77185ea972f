package org.sparklstm.pipeline.ingest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Resolves an input path (file, folder or glob, on any Hadoop FileSystem) to its files in a stable
 * order. Runs on the driver before any Spark job, so a bad path fails fast.
 */
public final class InputFiles {

    private InputFiles() {
    }

    public static List<FileStatus> resolve(String key, String path, Configuration hadoop) {
        if (path == null || path.isBlank()) {
            throw new InputException(key + ": no input path given");
        }
        Path p = new Path(path);
        try {
            FileSystem fs = p.getFileSystem(hadoop);
            FileStatus[] matches = fs.globStatus(p);
            if (matches == null || matches.length == 0) {
                throw new InputException(key + ": '" + path + "' does not exist (no file or folder matches)");
            }
            List<FileStatus> files = new ArrayList<>();
            for (FileStatus m : matches) {
                if (m.isDirectory()) {
                    Arrays.stream(fs.listStatus(m.getPath()))
                            .filter(f -> f.isFile() && !hidden(f.getPath()))
                            .forEach(files::add);
                } else {
                    files.add(m);
                }
            }
            files.sort(Comparator.comparing(f -> f.getPath().toString()));
            if (files.isEmpty()) {
                throw new InputException(key + ": '" + path + "' holds no files");
            }
            if (files.stream().allMatch(f -> f.getLen() == 0)) {
                throw new InputException(key + ": '" + path + "' is empty: every file has 0 bytes ("
                        + files.stream().map(f -> f.getPath().toString()).limit(5).toList() + ")");
            }
            return files;
        } catch (IOException e) {
            throw new InputException(key + ": cannot read '" + path + "': " + e.getMessage(), e);
        }
    }

    private static boolean hidden(Path p) {
        return p.getName().startsWith(".") || p.getName().startsWith("_");
    }
}

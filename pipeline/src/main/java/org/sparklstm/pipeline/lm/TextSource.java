package org.sparklstm.pipeline.lm;

import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.sparklstm.pipeline.ingest.TextReading;

/**
 * Text files resolved from a config key's path before Spark starts (see
 * {@link org.sparklstm.pipeline.ingest.InputFiles}), and how to read them; what is wrong with their content names the
 * key and the path.
 */
public record TextSource(String key, String path, List<FileStatus> files, TextReading reading) {

    public TextSource {
        files = List.copyOf(files);
    }
}

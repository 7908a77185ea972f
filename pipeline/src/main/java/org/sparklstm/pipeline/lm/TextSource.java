package org.sparklstm.pipeline.lm;

import java.util.List;
import org.apache.hadoop.fs.FileStatus;

/**
 * Text files resolved from a config key's path before Spark starts (see
 * {@link org.sparklstm.pipeline.ingest.InputFiles}); what is wrong with their content names the key and the path.
 */
public record TextSource(String key, String path, List<FileStatus> files) {

    public TextSource {
        files = List.copyOf(files);
    }
}

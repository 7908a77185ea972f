package org.sparklstm.pipeline.ingest;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;

/** A file whose bytes cannot be read to the end: a truncated or corrupt compressed stream, or a failing disk. */
public final class UnreadableFile {

    private UnreadableFile() {
    }

    /** Why: the file's codec and what its reader hit. */
    public static String reason(String file, Exception cause) {
        CompressionCodec codec = new CompressionCodecFactory(new Configuration(false)).getCodec(new Path(file));
        String what = codec == null ? "the file" : "its " + codec.getDefaultExtension().substring(1) + " stream";
        return "cannot read " + what + " to the end (" + cause.getClass().getSimpleName() + ": " + cause.getMessage()
                + "); the file is truncated or corrupt";
    }
}

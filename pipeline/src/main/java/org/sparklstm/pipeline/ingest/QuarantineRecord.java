package org.sparklstm.pipeline.ingest;

import java.io.Serializable;

/** A record the pipeline could not use, kept with the reason instead of being dropped. */
public record QuarantineRecord(String file, long offset, String reason, String excerpt) implements Serializable {

    /** How the reason of a line with a NUL byte begins: text has none, binary files have many. */
    public static final String BINARY = "binary content";
}

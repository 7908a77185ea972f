package org.sparklstm.pipeline.train;

import org.sparklstm.pipeline.ingest.InputException;

/** A checkpoint a run cannot go on from: an older format, or a damaged or truncated file. Names the file. */
public class UnreadableCheckpointException extends InputException {

    public UnreadableCheckpointException(String message) {
        super(message);
    }

    public UnreadableCheckpointException(String message, Throwable cause) {
        super(message, cause);
    }
}

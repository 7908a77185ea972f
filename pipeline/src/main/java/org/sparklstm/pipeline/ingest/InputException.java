package org.sparklstm.pipeline.ingest;

/** Input that cannot be used at all: a missing path, nothing to read, no usable text. */
public class InputException extends RuntimeException {

    public InputException(String message) {
        super(message);
    }

    public InputException(String message, Throwable cause) {
        super(message, cause);
    }
}

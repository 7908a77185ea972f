package org.sparklstm.pipeline.ingest;

import java.io.Serializable;

/** One line of an input file; {@code offset} is the line's byte offset, 0 for the first line of a document. */
public record TextLine(String file, long offset, String text) implements Serializable {

    public boolean startsDocument() {
        return offset == 0;
    }
}

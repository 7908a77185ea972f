package org.sparklstm.pipeline.ingest;

import java.io.Serializable;

/**
 * One line of an input file at byte {@code offset}; {@code startsDocument} marks the first usable line
 * of a file (the first line may have gone to quarantine).
 */
public record TextLine(String file, long offset, String text, boolean startsDocument) implements Serializable {
}

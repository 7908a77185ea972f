package org.sparklstm.pipeline.classify;

import java.io.Serializable;

/** One input row: its id, text and label (null when the input has no label column), and where it came from. */
public record LabelledText(String rowId, String text, String label, String file, long row) implements Serializable {
}

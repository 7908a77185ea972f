package org.sparklstm.pipeline.sequences;

import java.io.Serializable;

/** One window of token ids; {@code index} numbers the windows of its split in stream order. */
public record Window(boolean validation, long index, int[] tokens) implements Serializable {
}

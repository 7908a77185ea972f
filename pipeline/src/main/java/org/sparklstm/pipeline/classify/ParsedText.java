package org.sparklstm.pipeline.classify;

import java.io.Serializable;
import org.sparklstm.pipeline.ingest.RowProblem;

/** A row read from the input: a labelled text, or the problem that kept it from being one. */
public record ParsedText(LabelledText text, RowProblem problem) implements Serializable {
}

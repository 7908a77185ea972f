package org.sparklstm.pipeline.series;

import org.sparklstm.pipeline.ingest.RowProblem;
import java.io.Serializable;

/** A row read from the input: an observation, or the problem that kept it from being one. */
public record ParsedRow(Observation observation, RowProblem problem) implements Serializable {

    public static ParsedRow of(Observation o) {
        return new ParsedRow(o, null);
    }

    public static ParsedRow of(RowProblem p) {
        return new ParsedRow(null, p);
    }
}

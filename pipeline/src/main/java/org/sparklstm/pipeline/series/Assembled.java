package org.sparklstm.pipeline.series;

import org.sparklstm.pipeline.ingest.RowProblem;
import java.io.Serializable;
import java.util.List;

/** A series put together from its rows, and the rows that could not take part (duplicate or backward times). */
public record Assembled(Series series, List<RowProblem> problems) implements Serializable {
}

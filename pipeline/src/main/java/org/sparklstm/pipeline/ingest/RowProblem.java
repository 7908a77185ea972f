package org.sparklstm.pipeline.ingest;

import java.io.Serializable;

/**
 * What is wrong with one input row. {@code fatal} problems stop the job whatever {@code series.on-error}
 * says (a missing column, a missing value under {@code series.missing = fail}); the others go to
 * quarantine when it allows.
 */
public record RowProblem(String file, long row, String column, String reason, String excerpt, boolean fatal)
        implements Serializable {

    public String message() {
        return file + ": row " + row + (column.isEmpty() ? "" : ", column '" + column + "'") + ": " + reason
                + (excerpt.isEmpty() ? "" : " (row: " + excerpt + ")");
    }
}

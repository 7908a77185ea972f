package org.sparklstm.jobs.bench;

import org.sparklstm.pipeline.io.RecordTable;

/** A row of the {@code preprocessing} table: one pipeline's median time over the input, and its speed beside MLlib's. */
record PreprocessingRow(String runId, String pipeline, long inputBytes, double secondsMedian, double mbPerSecond,
                        Double oursSpeedupOverMllib) {

    static final RecordTable<PreprocessingRow> TABLE = RecordTable.of(PreprocessingRow.class);
}

package org.sparklstm.pipeline.classify;

import java.time.Instant;
import org.sparklstm.pipeline.io.RecordTable;

/** The row of a classifier's {@code runs} table: what the run read, trained and reached against the majority class. */
public record ClassifyRunsRow(String runId, String task, Instant startTime, Instant endTime, String configJson,
                              int classes, int vocabularySize, long quarantinedRecords, long trainRows,
                              long validationRows, long testRows, int word2vecRows, int epochs, double finalTrainLoss,
                              Double validationAccuracy, Double testAccuracy, Double testMacroF1, Double testRocAuc,
                              Double testMajorityAccuracy, double trainRowsPerSecond, double driverPeakHeapMb) {

    public static final RecordTable<ClassifyRunsRow> TABLE = RecordTable.of(ClassifyRunsRow.class);
}

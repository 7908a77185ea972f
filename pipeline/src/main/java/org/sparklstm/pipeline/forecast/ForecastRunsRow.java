package org.sparklstm.pipeline.forecast;

import java.time.Instant;
import org.sparklstm.pipeline.io.RecordTable;

/** The row of a forecaster's {@code runs} table: what the run read, trained and reached against the baselines. */
public record ForecastRunsRow(String runId, String task, Instant startTime, Instant endTime, String configJson,
                              long series, long rows, long quarantinedRecords, long missingValues, long filledValues,
                              long droppedWindows, long trainWindows, long validationWindows, int epochs,
                              double finalTrainLoss, Double finalValidationMae, Double testMae, Double testNaiveMae,
                              Double testSeasonalNaiveMae, double trainWindowsPerSecond, double driverPeakHeapMb) {

    public static final RecordTable<ForecastRunsRow> TABLE = RecordTable.of(ForecastRunsRow.class);
}

package org.sparklstm.pipeline.forecast;

import org.sparklstm.pipeline.io.RecordTable;

/**
 * A row of a forecaster's {@code metrics} table: the training loss of an epoch, or its validation errors.
 *
 * @param round the epoch's last averaging round
 */
public record ForecastMetricsRow(String runId, int epoch, int round, String split, Double loss, Double mae,
                                 Double rmse, long windows, double seconds) {

    public static final RecordTable<ForecastMetricsRow> TABLE = RecordTable.of(ForecastMetricsRow.class);
}

package org.sparklstm.pipeline.forecast;

import org.sparklstm.pipeline.io.RecordTable;

/**
 * A row of a forecaster's {@code evaluation} table: the errors of one method (model, naive, seasonal
 * naive) on one series, split, target and step ahead.
 *
 * @param mase null where the training part has no naive in-sample error to scale by
 */
public record ForecastEvaluationRow(String runId, String seriesId, String split, String target, int horizonStep,
                                    String method, long n, double mae, double rmse, Double mase, double smape) {

    public static final RecordTable<ForecastEvaluationRow> TABLE = RecordTable.of(ForecastEvaluationRow.class);
}

package org.sparklstm.pipeline.forecast;

/** What a finished forecasting run reports: the test errors of the model and the baselines. */
public record ForecastResult(String runDirectory, ErrorSummary test, long trainWindows) {
}

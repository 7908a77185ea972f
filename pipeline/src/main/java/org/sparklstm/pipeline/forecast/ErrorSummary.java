package org.sparklstm.pipeline.forecast;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sparklstm.models.forecast.ForecastErrors;
import org.sparklstm.pipeline.forecast.ForecastEvaluator.ErrorRecord;
import org.sparklstm.pipeline.forecast.ForecastEvaluator.SeriesResult;

/** Errors of each method pooled over series, target columns and steps ahead, with the evaluation table's rows. */
public record ErrorSummary(Map<String, ForecastErrors> pooled, Map<String, Map<Integer, ForecastErrors>> byStep) {

    static final List<String> METHODS = List.of(ForecastEvaluator.MODEL, ForecastEvaluator.NAIVE,
            ForecastEvaluator.SEASONAL_NAIVE);

    public static ErrorSummary of(List<SeriesResult> results) {
        Map<String, ForecastErrors> pooled = new LinkedHashMap<>();
        Map<String, Map<Integer, ForecastErrors>> byStep = new LinkedHashMap<>();
        for (SeriesResult r : results) {
            for (ErrorRecord e : r.errors()) {
                pooled.computeIfAbsent(e.method(), m -> new ForecastErrors()).merge(e.errors());
                byStep.computeIfAbsent(e.method(), m -> new java.util.TreeMap<>())
                        .computeIfAbsent(e.step(), k -> new ForecastErrors()).merge(e.errors());
            }
        }
        return new ErrorSummary(pooled, byStep);
    }

    /** One evaluation-table row per series, split, target, step and method. */
    public static List<ForecastEvaluationRow> rows(String runId, List<SeriesResult> results) {
        List<ForecastEvaluationRow> rows = new ArrayList<>();
        for (SeriesResult r : results) {
            for (ErrorRecord e : r.errors()) {
                ForecastErrors x = e.errors();
                double mase = x.mase(e.naiveInSampleMae());
                rows.add(new ForecastEvaluationRow(runId, e.seriesId(), e.split(), e.target(), e.step(), e.method(), x.count(),
                        x.mae(), x.rmse(), Double.isNaN(mase) ? null : mase, x.smape()));
            }
        }
        return rows;
    }

    public long count(String method) {
        ForecastErrors e = pooled.get(method);
        return e == null ? 0 : e.count();
    }

    public double mae(String method) {
        ForecastErrors e = pooled.get(method);
        return e == null ? Double.NaN : e.mae();
    }

    public double rmse(String method) {
        ForecastErrors e = pooled.get(method);
        return e == null ? Double.NaN : e.rmse();
    }

    public Double orNull(String method) {
        return count(method) == 0 ? null : mae(method);
    }

    public void print(PrintStream out, String split, int horizon) {
        if (count(ForecastEvaluator.MODEL) == 0) {
            out.printf("%s: no complete windows to evaluate%n", split);
            return;
        }
        out.printf("%s MAE over %,d forecasts (all series, targets and steps 1-%d): model %.4f, naive %.4f, "
                        + "seasonal naive %.4f -> naive %s%n", split, count(ForecastEvaluator.MODEL), horizon,
                mae(ForecastEvaluator.MODEL), mae(ForecastEvaluator.NAIVE), mae(ForecastEvaluator.SEASONAL_NAIVE),
                mae(ForecastEvaluator.MODEL) < mae(ForecastEvaluator.NAIVE) ? "beaten" : "NOT beaten");
        if (horizon > 1) {
            for (String method : METHODS) {
                StringBuilder line = new StringBuilder(String.format("  %-15s MAE by step:", method));
                byStep.getOrDefault(method, Map.of()).forEach((step, e) -> line.append(String.format(" %.3f", e.mae())));
                out.println(line);
            }
        }
    }
}

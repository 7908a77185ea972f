package org.sparklstm.pipeline.series;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.api.java.JavaRDD;
import org.sparklstm.models.forecast.ForecastSpec;
import org.sparklstm.models.forecast.SeriesWindows;
import org.sparklstm.pipeline.ingest.RowProblem;

/**
 * Which series a forecaster cannot use, and why: a series too short for one window, or whose windows in a part of
 * the split all have a missing value, would otherwise vanish from training or from the evaluation without a word.
 * Each such series becomes one quarantine row (row 0: the series as a whole) naming it and the parts it is left out
 * of. The windows counted are exactly those {@link SeriesWindowing} trains on and the evaluator scores.
 */
public final class SeriesCoverage {

    private SeriesCoverage() {
    }

    /** One row per series that gives no training window, or no window in a validation or test part it has. */
    public static JavaRDD<RowProblem> leftOut(JavaRDD<Series> series, SplitSpec split, ForecastSpec spec,
                                              String source, String idColumn) {
        boolean validated = split.validation() > 0 || !split.validationFrom().isBlank();
        return series.flatMap(s -> leftOut(s, split, spec, validated)
                .map(reason -> problem(source, idColumn, s, reason)).stream().iterator());
    }

    /** One row per series that has no complete last window, so gets no forecast past its end. */
    public static JavaRDD<RowProblem> withoutForecast(JavaRDD<Series> series, ForecastSpec spec, String source,
                                                      String idColumn) {
        return series.flatMap(s -> withoutForecast(s, spec)
                .map(reason -> problem(source, idColumn, s, reason)).stream().iterator());
    }

    static Optional<String> leftOut(Series s, SplitSpec split, ForecastSpec spec, boolean validated) {
        if (s.length() < spec.window() + spec.trainedSteps()) {
            return Optional.of(tooShort(s, spec.window() + spec.trainedSteps(), spec)
                    + ": left out of training and evaluation");
        }
        SplitSpec.Split parts = split.of(s.times());
        List<String> reasons = new ArrayList<>();
        windowsIn(s, parts.range(SplitSpec.TRAIN), spec, spec.trainedSteps(), true, "training", reasons);
        if (validated) {
            windowsIn(s, parts.range(SplitSpec.VALIDATION), spec, spec.horizon(), false, "validation", reasons);
        }
        windowsIn(s, parts.range(SplitSpec.TEST), spec, spec.horizon(), false, "test", reasons);
        return reasons.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", reasons));
    }

    static Optional<String> withoutForecast(Series s, ForecastSpec spec) {
        if (s.length() < spec.window()) {
            return Optional.of(tooShort(s, spec.window(), spec) + ": no forecast");
        }
        float[] probe = new float[spec.inputs() * spec.window()];
        return SeriesWindows.inputs(s.values(), s.length() - 1, spec, probe, 0) ? Optional.empty()
                : Optional.of("its last " + spec.window() + " rows (series.window) have a missing value: no forecast");
    }

    /** Adds a reason when the part {@code [start, end)} gives no window whose {@code steps} targets lie in it. */
    private static void windowsIn(Series s, int[] range, ForecastSpec spec, int steps, boolean targetsKnown,
                                  String part, List<String> reasons) {
        float[] x = new float[spec.inputs() * spec.window()];
        float[] y = new float[spec.outputSize()];
        int origins = 0;
        for (int o = Math.max(SeriesWindows.firstOrigin(spec), range[0] - 1); o + steps < range[1]; o++) {
            origins++;
            if (SeriesWindows.inputs(s.values(), o, spec, x, 0)
                    && (!targetsKnown || SeriesWindows.targets(s.values(), o, spec, y, 0))) {
                return;
            }
        }
        reasons.add(origins == 0
                ? "no " + part + " window: its " + part + " part (" + (range[1] - range[0]) + " rows) is shorter than "
                        + steps + " target steps after a full window"
                : "no " + part + " window: all " + origins + " have a missing value");
    }

    private static String tooShort(Series s, int needed, ForecastSpec spec) {
        return "too short: " + s.length() + " rows, where a window takes " + needed + " (series.window "
                + spec.window() + (needed > spec.window() ? " + " + (needed - spec.window()) + " target steps" : "")
                + ")";
    }

    private static RowProblem problem(String source, String idColumn, Series s, String reason) {
        return new RowProblem(source, 0, idColumn, "series '" + s.id() + "' " + reason, s.id(), false);
    }
}

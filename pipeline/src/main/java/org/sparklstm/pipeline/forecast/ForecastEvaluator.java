package org.sparklstm.pipeline.forecast;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.sparklstm.models.forecast.Baselines;
import org.sparklstm.models.forecast.ForecastErrors;
import org.sparklstm.models.forecast.ForecastSpec;
import org.sparklstm.models.forecast.Forecaster;
import org.sparklstm.models.forecast.Normalizer;
import org.sparklstm.models.forecast.Scaling;
import org.sparklstm.models.forecast.SeriesWindows;
import org.sparklstm.models.train.NetworkState;
import org.sparklstm.models.train.WorkerNetworks;
import org.sparklstm.pipeline.series.Series;
import org.sparklstm.pipeline.series.SeriesWindowing;
import org.sparklstm.pipeline.series.SplitSpec;

/**
 * evaluate for forecasters, on the executors: rolling-origin forecasts over a split of every series,
 * in original units, scored beside the naive and seasonal-naive forecasts on exactly the same
 * (origin, step) pairs: every origin whose {@code horizon} targets all lie in the split.
 */
public final class ForecastEvaluator implements Serializable {

    public static final String MODEL = "model";
    public static final String NAIVE = "naive";
    public static final String SEASONAL_NAIVE = "seasonal_naive";
    /** The split name of forecasts past the end of the data. */
    public static final String FUTURE = "future";

    /** Errors of one method on one series, split, target column and step ahead. */
    public record ErrorRecord(String seriesId, String split, String target, int step, String method,
                              ForecastErrors errors, double naiveInSampleMae) implements Serializable {
    }

    /** What evaluating one series gives: its error records and, when asked for, its forecast rows. */
    public record SeriesResult(List<ErrorRecord> errors, List<ForecastsRow> forecasts, long skippedOrigins)
            implements Serializable {
    }

    private final String networkJson;
    private final ForecastSpec spec;
    private final List<String> targetNames;
    private final SplitSpec split;
    private final int season;

    public ForecastEvaluator(String networkJson, ForecastSpec spec, List<String> targetNames, SplitSpec split,
                             int season) {
        this.networkJson = networkJson;
        this.spec = spec;
        this.targetNames = List.copyOf(targetNames);
        this.split = split;
        this.season = season;
    }

    /**
     * @param parts   splits to score ({@link SplitSpec#VALIDATION}, {@link SplitSpec#TEST}) and/or {@link #FUTURE}
     * @param runId   written into forecast rows; null asks for no forecast rows
     */
    public JavaRDD<SeriesResult> evaluate(JavaRDD<Series> series, NetworkState state, Broadcast<Normalizer> normalizer,
                                          List<String> parts, String runId) {
        Broadcast<NetworkState> shared = JavaSparkContext.fromSparkContext(series.context()).broadcast(state);
        return series.map(s -> {
            MultiLayerNetwork net = WorkerNetworks.get(networkJson);
            shared.value().applyTo(net);
            return evaluate(net, s, normalizer.value().forSeries(s.id()), parts, runId);
        });
    }

    SeriesResult evaluate(MultiLayerNetwork net, Series s, Scaling scaling, List<String> parts, String runId) {
        double[][] z = SeriesWindowing.normalize(s, scaling);
        SplitSpec.Split boundaries = split.of(s.times());
        int[] targets = spec.targets();
        double[][] columns = new double[targets.length][];
        double[] inSample = new double[targets.length];
        for (int j = 0; j < targets.length; j++) {
            columns[j] = s.column(targets[j]);
            inSample[j] = Baselines.naiveInSampleMae(columns[j], boundaries.trainEnd());
        }
        List<ErrorRecord> errors = new ArrayList<>();
        List<ForecastsRow> rows = new ArrayList<>();
        long skipped = 0;
        for (String part : parts) {
            int[] range = part.equals(FUTURE) ? new int[]{s.length(), s.length() + spec.horizon()} : boundaries.range(part);
            List<Integer> origins = new ArrayList<>();
            float[] probe = new float[spec.inputs() * spec.window()];
            int first = Math.max(SeriesWindows.firstOrigin(spec), range[0] - 1);
            for (int o = first; o + spec.horizon() < range[1] && o < s.length(); o++) {
                if (SeriesWindows.inputs(z, o, spec, probe, 0)) {
                    origins.add(o);
                } else {
                    skipped++;
                }
            }
            int[] os = origins.stream().mapToInt(Integer::intValue).toArray();
            double[][][] forecast = Forecaster.forecast(net, spec, z, os);
            ForecastErrors[][][] sums = new ForecastErrors[3][targets.length][spec.horizon()];
            for (int i = 0; i < os.length; i++) {
                int o = os[i];
                for (int k = 1; k <= spec.horizon(); k++) {
                    int t = o + k;
                    boolean known = t < s.length();
                    for (int j = 0; j < targets.length; j++) {
                        double f = scaling.invert(targets[j], forecast[i][k - 1][j]);
                        double actual = known ? columns[j][t] : Double.NaN;
                        if (runId != null) {
                            rows.add(new ForecastsRow(runId, s.id(), part, targetNames.get(j), s.timeTexts()[o],
                                    known ? s.timeTexts()[t] : null, k, f, Double.isNaN(actual) ? null : actual));
                        }
                        if (Double.isNaN(actual)) {
                            continue;
                        }
                        add(sums, 0, j, k, f, actual);
                        add(sums, 1, j, k, Baselines.naive(columns[j], o), actual);
                        add(sums, 2, j, k, Baselines.seasonalNaive(columns[j], o, k, season), actual);
                    }
                }
            }
            if (part.equals(FUTURE)) {
                continue;
            }
            String[] methods = {MODEL, NAIVE, SEASONAL_NAIVE};
            for (int m = 0; m < 3; m++) {
                for (int j = 0; j < targets.length; j++) {
                    for (int k = 1; k <= spec.horizon(); k++) {
                        ForecastErrors e = sums[m][j][k - 1];
                        if (e != null) {
                            errors.add(new ErrorRecord(s.id(), part, targetNames.get(j), k, methods[m], e, inSample[j]));
                        }
                    }
                }
            }
        }
        return new SeriesResult(errors, rows, skipped);
    }

    private static void add(ForecastErrors[][][] sums, int method, int target, int step, double forecast,
                            double actual) {
        if (Double.isNaN(forecast)) {
            return;
        }
        if (sums[method][target][step - 1] == null) {
            sums[method][target][step - 1] = new ForecastErrors();
        }
        sums[method][target][step - 1].add(forecast, actual);
    }
}

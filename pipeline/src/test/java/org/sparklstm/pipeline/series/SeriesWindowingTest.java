package org.sparklstm.pipeline.series;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;
import org.sparklstm.models.forecast.ColumnStatistics;
import org.sparklstm.models.forecast.ForecastNetworkFactory;
import org.sparklstm.models.forecast.ForecastSpec;
import org.sparklstm.models.forecast.Normalizer;
import org.sparklstm.models.forecast.Scaling;
import org.sparklstm.models.forecast.SeriesBlock;
import org.sparklstm.models.forecast.Strategy;
import org.sparklstm.models.train.NetworkState;
import org.sparklstm.pipeline.SparkTestSupport;
import org.sparklstm.pipeline.forecast.ForecastEvaluator.ErrorRecord;
import org.sparklstm.pipeline.forecast.ForecastEvaluator;
import org.sparklstm.pipeline.forecast.ForecastsRow;

/** Split boundaries, windows without leakage, the normaliser fitted on train only, baselines by hand. */
class SeriesWindowingTest extends SparkTestSupport {

    /** A series whose value at time t is t (and 1000 + t in a second column): a window shows where it came from. */
    private static Series ramp(String id, int length) {
        double[] times = new double[length];
        String[] texts = new String[length];
        double[][] values = new double[length][];
        for (int t = 0; t < length; t++) {
            times[t] = 2000 + t;
            texts[t] = Integer.toString(2000 + t);
            values[t] = new double[]{t, 1000 + t};
        }
        return new Series(id, times, texts, values, 0, 0);
    }

    private static ForecastSpec spec(int window, int horizon, Strategy strategy) {
        return new ForecastSpec(2, new int[]{0}, window, horizon, strategy, false, 1, 4, 0, 0.01, 1, 3);
    }

    @Test
    void splitsCutByFractionOrByTime() {
        double[] times = ramp("a", 20).times();
        SplitSpec.Split f = new SplitSpec(0.6, 0.15, "", "").of(times);
        assertEquals(12, f.trainEnd());
        assertEquals(15, f.validationEnd());
        SplitSpec.Split t = new SplitSpec(0.6, 0, "2010", "2016.5").of(times);
        assertEquals(10, t.trainEnd());
        assertEquals(17, t.validationEnd());
        assertEquals(List.of(17, 20), List.of(t.range(SplitSpec.TEST)[0], t.range(SplitSpec.TEST)[1]));
    }

    @Test
    void trainingWindowsNeverSeeValidationOrTest() {
        JavaRDD<Series> series = sc.parallelize(List.of(ramp("a", 20), ramp("b", 14)), 2);
        SplitSpec split = new SplitSpec(0.5, 0.25, "", "");
        Normalizer none = Normalizer.fit(Scaling.NONE, true, SeriesWindowing.trainingStatistics(series, split, 2));
        Broadcast<Normalizer> shared = sc.broadcast(none);
        ForecastSpec spec = spec(3, 2, Strategy.DIRECT);
        SeriesWindowing.Counted train = SeriesWindowing.blocks(series, shared, split, SplitSpec.TRAIN, spec, 2);
        // a: train [0, 10): origins 2..7 (targets o+1, o+2 <= 9); b: train [0, 7): origins 2..4
        assertEquals(6 + 3, train.windows());
        assertEquals(0, train.dropped());
        List<SeriesBlock> blocks = train.blocks().collect();
        assertEquals(List.of(5, 4), blocks.stream().map(SeriesBlock::size).toList(), "dealt round-robin");
        double maxTarget = 0;
        for (SeriesBlock b : blocks) {
            int[] all = java.util.stream.IntStream.range(0, b.size()).toArray();
            DataSet ds = b.minibatch(all);
            maxTarget = Math.max(maxTarget, ds.getLabels().maxNumber().doubleValue());
            for (int i = 0; i < b.size(); i++) {
                double last = ds.getFeatures().getDouble(i, 0, 2);
                assertEquals(last + 1, ds.getLabels().getDouble(i, 0), "target 1 is the next step");
                assertEquals(last + 2, ds.getLabels().getDouble(i, 1), "target 2 the one after");
                assertEquals(1000 + last, ds.getFeatures().getDouble(i, 1, 2), "all columns are inputs");
            }
        }
        assertEquals(9, maxTarget, "no training target beyond the training part of the longer series");
        SeriesWindowing.Counted validation = SeriesWindowing.blocks(series, shared, split, SplitSpec.VALIDATION, spec, 2);
        // a: validation [10, 15): origins 9..12 ; b: validation [7, 10): origins 6..7
        assertEquals(4 + 2, validation.windows());
    }

    @Test
    void theNormaliserSeesOnlyTheTrainingPart() {
        Series s = ramp("a", 10);
        s.values()[9][0] = 1_000_000;   // a huge test value must not move the scaling
        JavaRDD<Series> series = sc.parallelize(List.of(s), 1);
        SplitSpec split = new SplitSpec(0.5, 0, "", "");
        Map<String, ColumnStatistics> stats = SeriesWindowing.trainingStatistics(series, split, 2);
        Scaling z = Normalizer.fit(Scaling.ZSCORE, true, stats).forSeries("a");
        assertEquals(2.0, z.shift()[0], 1e-12, "mean of 0..4");
        assertEquals(Math.sqrt(2.0), z.scale()[0], 1e-12, "population deviation of 0..4");
        assertEquals(1002.0, z.shift()[1], 1e-12);
        double[][] normalized = SeriesWindowing.normalize(s, z);
        for (int t = 0; t < 10; t++) {
            assertEquals(s.values()[t][0], z.invert(0, normalized[t][0]), 1e-9);
        }
    }

    @Test
    void baselinesAndModelAreScoredOnTheSameTestPairs() {
        // values 3, 1, 4, 1, 5, 9, 2, 6, 5, 3; train [0, 6), test [6, 10); season 2, horizon 2, window 2
        double[] v = {3, 1, 4, 1, 5, 9, 2, 6, 5, 3};
        double[] times = new double[v.length];
        String[] texts = new String[v.length];
        double[][] values = new double[v.length][];
        for (int t = 0; t < v.length; t++) {
            times[t] = t;
            texts[t] = "t" + t;
            values[t] = new double[]{v[t], 0};
        }
        Series s = new Series("s", times, texts, values, 0, 0);
        ForecastSpec spec = spec(2, 2, Strategy.DIRECT);
        SplitSpec split = new SplitSpec(0.6, 0, "", "");
        MultiLayerNetwork net = ForecastNetworkFactory.create(spec);
        JavaRDD<Series> rdd = sc.parallelize(List.of(s), 1);
        Normalizer normalizer = Normalizer.fit(Scaling.ZSCORE, true, SeriesWindowing.trainingStatistics(rdd, split, 2));
        ForecastEvaluator evaluator = new ForecastEvaluator(net.getLayerWiseConfigurations().toJson(), spec,
                List.of("v"), split, 2);
        ForecastEvaluator.SeriesResult result = evaluator.evaluate(rdd, NetworkState.capture(net),
                sc.broadcast(normalizer), List.of(SplitSpec.TEST), "run").first();
        // origins 5, 6, 7 have both targets in [6, 10)
        // naive: step 1 |9-2|,|2-6|,|6-5| = 7,4,1 ; step 2 |9-6|,|2-5|,|6-3| = 3,3,3
        // seasonal (m=2): step 1 y[o-1]: |5-2|,|9-6|,|2-5| = 3,3,3 ; step 2 y[o]: same as naive step 2
        assertEquals(4.0, find(result.errors(), "naive", 1).errors().mae(), 1e-12);
        assertEquals(3.0, find(result.errors(), "naive", 2).errors().mae(), 1e-12);
        assertEquals(3.0, find(result.errors(), "seasonal_naive", 1).errors().mae(), 1e-12);
        assertEquals(3.0, find(result.errors(), "seasonal_naive", 2).errors().mae(), 1e-12);
        assertEquals(Math.sqrt((49 + 16 + 1) / 3.0), find(result.errors(), "naive", 1).errors().rmse(), 1e-12);
        // MASE scale: mean |change| over the training part 3,1,4,1,5,9 = (2+3+3+4+4)/5
        assertEquals(16 / 5.0, find(result.errors(), "model", 1).naiveInSampleMae(), 1e-12);
        assertEquals(3, find(result.errors(), "model", 1).errors().count());
        assertEquals(3, find(result.errors(), "model", 2).errors().count());
        // forecast rows: 3 origins x 2 steps, in original units, with the actual where known
        List<ForecastsRow> rows = new ArrayList<>(result.forecasts());
        rows.sort(Comparator.comparing(ForecastsRow::originTime).thenComparingInt(ForecastsRow::horizonStep));
        assertEquals(6, rows.size());
        assertEquals("t5", rows.get(0).originTime());
        assertEquals("t7", rows.get(1).targetTime());
        assertEquals(6.0, rows.get(1).actual());
    }

    private static ErrorRecord find(List<ErrorRecord> errors, String method, int step) {
        return errors.stream().filter(e -> e.method().equals(method) && e.step() == step).findFirst().orElseThrow();
    }
}

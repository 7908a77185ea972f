package org.sparklstm.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparklstm.jobs.Main;
import org.sparklstm.jobs.config.ConfigLoader;
import org.sparklstm.models.forecast.ForecastBundle;

/**
 * task = forecast on local[2] over real series: one-step on sunspots, 12 steps ahead (direct and
 * recursive) on CO2, a panel of four series from Parquet; then the forecast command and bad input.
 */
class ForecastEndToEndTest {

    @TempDir
    static Path tmp;

    static List<String> sets(String input, String output, String... more) {
        List<String> sets = new ArrayList<>(List.of("task=forecast", "input.path=" + input, "output.path=" + output,
                "spark.master=local[2]", "model.layers=1", "model.hidden=16", "train.batch-size=32",
                "train.learning-rate=0.005", "train.clip-norm=1"));
        sets.addAll(List.of(more));
        return sets;
    }

    static String train(List<String> sets) throws IOException {
        stopReader();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        TrainCommand.run(ConfigLoader.load(null, sets), false, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    static SparkSession reader() {
        return SparkSession.builder().master("local[1]").config("spark.ui.enabled", "false").getOrCreate();
    }

    /** A job would otherwise get (and stop) the reader's local[1] session instead of its own. */
    @AfterAll
    static void stopReader() {
        if (SparkSession.getDefaultSession().isDefined()) {
            SparkSession.getDefaultSession().get().stop();
        }
    }

    /** Sunspot numbers from the CSV, for baselines computed here by hand. */
    static double[] sunspots() throws IOException {
        return Files.readAllLines(Path.of("../data-samples/sunspot.month.csv")).stream().skip(1)
                .mapToDouble(l -> Double.parseDouble(l.split(",")[1])).toArray();
    }

    @Test
    void oneStepSunspotsWritesEveryTableAndForecastsAhead() throws Exception {
        String run = tmp.resolve("sunspots").toString();
        String console = train(sets("../data-samples/sunspot.month.csv", run, "series.window=24", "series.season=132",
                "series.split.train=0.7", "series.split.validation=0.1", "train.epochs=2"));
        double[] v = sunspots();
        int testStart = (int) Math.floor(v.length * 0.8);
        double naive = 0;
        double seasonal = 0;
        for (int t = testStart; t < v.length; t++) {
            naive += Math.abs(v[t] - v[t - 1]);
            seasonal += Math.abs(v[t] - v[t - 132]);
        }
        int n = v.length - testStart;
        SparkSession spark = reader();
        List<Row> test = spark.read().parquet(run + "/evaluation").where("split = 'test'").orderBy("method")
                .collectAsList();
        assertEquals(List.of("model", "naive", "seasonal_naive"), test.stream().map(r -> r.getString(5)).toList());
        assertEquals(n, test.get(1).getLong(6));
        assertEquals(naive / n, test.get(1).getDouble(7), 1e-9, "naive MAE by hand");
        assertEquals(seasonal / n, test.get(2).getDouble(7), 1e-9, "seasonal-naive MAE by hand");
        double model = test.get(0).getDouble(7);
        assertTrue(model > 0 && model < seasonal / n, "model MAE " + model);
        assertEquals(3, spark.read().parquet(run + "/evaluation").where("split = 'validation'").count());
        assertEquals(n, spark.read().parquet(run + "/forecasts").where("split = 'test'").count());
        Row first = spark.read().parquet(run + "/forecasts").where("split = 'test'").orderBy("target_time").first();
        assertEquals(v[testStart], first.getDouble(8), 1e-12, "the first test target is the first test row");
        List<Row> metrics = spark.read().parquet(run + "/metrics").orderBy("epoch", "split").collectAsList();
        assertEquals(4, metrics.size());
        assertEquals("validation", metrics.get(3).getString(3));
        Row runs = spark.read().parquet(run + "/runs").first();
        assertEquals("forecast", runs.getAs("task"));
        assertEquals(3177L, (long) runs.getAs("rows"));
        assertEquals(naive / n, (double) runs.getAs("test_naive_mae"), 1e-9);
        assertEquals(0L, spark.read().parquet(run + "/quarantine").count());
        assertTrue(console.contains("test MAE over " + n + " forecasts"), console);

        ForecastBundle bundle = ForecastBundle.load(new org.apache.hadoop.fs.Path(run + "/model"), new Configuration());
        assertEquals(24, bundle.spec().window());
        double trainMean = 0;
        for (int t = 0; t < (int) Math.floor(v.length * 0.7); t++) {
            trainMean += v[t];
        }
        assertEquals(trainMean / Math.floor(v.length * 0.7), bundle.normalizer().forSeries("").shift()[0], 1e-9,
                "normalised with the mean of the training part only");

        stopReader();
        String forecasts = ForecastCommand.run(ConfigLoader.load(null, sets("../data-samples/sunspot.month.csv", run)),
                false, new PrintStream(new ByteArrayOutputStream()));
        List<Row> ahead = reader().read().parquet(forecasts).collectAsList();
        assertEquals(1, ahead.size());
        assertEquals("future", ahead.get(0).getString(2));
        assertEquals("2013.6667", ahead.get(0).getString(4), "forecast from the last row");
        assertNull(ahead.get(0).get(5));
        assertNull(ahead.get(0).get(8));
        assertTrue(Math.abs(ahead.get(0).getDouble(7) - v[v.length - 1]) < 100, "a forecast in original units");
    }

    @Test
    void twelveStepsAheadDirectAndRecursive() throws Exception {
        for (String strategy : List.of("direct", "recursive")) {
            String run = tmp.resolve("co2-" + strategy).toString();
            train(sets("../data-samples/co2.csv", run, "series.window=24", "series.horizon=12",
                    "series.strategy=" + strategy, "series.relative-to-last=true", "train.epochs=2"));
            Dataset<Row> evaluation = reader().read().parquet(run + "/evaluation");
            // 468 rows, test [374, 468): origins 373..455 have 12 targets in test
            assertEquals(3 * 12, evaluation.count());
            for (Row r : evaluation.collectAsList()) {
                assertEquals(83L, r.getLong(6), r.toString());
            }
            Row seasonalStep1 = evaluation.where("method = 'seasonal_naive' AND horizon_step = 1").first();
            double[] v = Files.readAllLines(Path.of("../data-samples/co2.csv")).stream().skip(1)
                    .mapToDouble(l -> Double.parseDouble(l.split(",")[1])).toArray();
            double sum = 0;
            for (int o = 373; o <= 455; o++) {
                sum += Math.abs(v[o + 1] - v[o + 1 - 12]);
            }
            assertEquals(sum / 83, seasonalStep1.getDouble(7), 1e-9);
            assertEquals(83L * 12, reader().read().parquet(run + "/forecasts").count());
        }
    }

    @Test
    void aPanelOfSeriesFromParquetIsTrainedAndScoredPerSeries() throws Exception {
        // the four indices of EuStockMarkets as four series of one long table
        SparkSession spark = reader();
        Dataset<Row> wide = spark.read().option("header", true).option("inferSchema", true)
                .csv("../data-samples/EuStockMarkets.csv");
        Dataset<Row> longTable = null;
        for (String index : List.of("DAX", "SMI", "CAC", "FTSE")) {
            Dataset<Row> one = wide.selectExpr("'" + index + "' AS market", "time", index + " AS close");
            longTable = longTable == null ? one : longTable.union(one);
        }
        // a fifth series of 3 rows, shorter than one window: named in the quarantine and by forecast, not lost
        longTable = longTable.union(wide.limit(3).selectExpr("'SHORT' AS market", "time", "DAX AS close"));
        String input = tmp.resolve("markets.parquet").toString();
        longTable.repartition(3).write().parquet(input);
        String run = tmp.resolve("panel").toString();
        String console = train(sets(input, run, "series.id-column=market", "series.value-columns=close",
                "series.window=10", "series.season=5", "series.normalization-scope=global", "train.epochs=1"));
        spark = reader();
        List<Row> test = spark.read().parquet(run + "/evaluation").where("method = 'naive'").orderBy("series_id")
                .collectAsList();
        assertEquals(List.of("CAC", "DAX", "FTSE", "SMI"), test.stream().map(r -> r.getString(1)).toList());
        Row runs = spark.read().parquet(run + "/runs").first();
        assertEquals(5L, (long) runs.getAs("series"));
        assertEquals(4 * 1860L + 3, (long) runs.getAs("rows"));
        String tooShort = "series 'SHORT' too short: 3 rows, where a window takes 11 (series.window 10 + 1 target "
                + "steps): left out of training and evaluation";
        List<Row> quarantine = spark.read().parquet(run + "/quarantine").collectAsList();
        assertEquals(1, quarantine.size());
        assertEquals(List.of(input, 0L, "market", tooShort, "SHORT"), List.of(quarantine.get(0).getString(1),
                quarantine.get(0).getLong(2), quarantine.get(0).getString(3), quarantine.get(0).getString(4),
                quarantine.get(0).getString(5)));
        assertTrue(console.contains("1 of 5 series left out of training or evaluation (quarantine rows), for "
                + "example: " + tooShort), console);

        stopReader();
        ByteArrayOutputStream forecastConsole = new ByteArrayOutputStream();
        String forecasts = ForecastCommand.run(ConfigLoader.load(null, sets(input, run, "series.id-column=market",
                "series.value-columns=close", "forecast.output-path=" + tmp.resolve("panel-ahead"))), false,
                new PrintStream(forecastConsole, true, StandardCharsets.UTF_8));
        String said = forecastConsole.toString(StandardCharsets.UTF_8);
        assertTrue(said.contains("1 series have no forecast (quarantine rows): series 'SHORT' too short: 3 rows, "
                + "where a window takes 10 (series.window 10): no forecast"), said);
        spark = reader();
        assertEquals(List.of("CAC", "DAX", "FTSE", "SMI"), spark.read().parquet(forecasts).select("series_id")
                .distinct().orderBy("series_id").collectAsList().stream().map(r -> r.getString(0)).toList());
        assertEquals(1, spark.read().parquet(tmp.resolve("panel-ahead") + "/quarantine")
                .where("excerpt = 'SHORT'").count());
        ForecastBundle bundle = ForecastBundle.load(new org.apache.hadoop.fs.Path(run + "/model"), new Configuration());
        assertFalse(bundle.normalizer().perSeries());
    }

    @Test
    void aBadRowStopsTheRunWithItsPlaceAndLeavesNothingBehind() throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(Path.of("../data-samples/co2.csv")));
        lines.set(100, lines.get(100).split(",")[0] + ",n/a");
        Path bad = tmp.resolve("co2-bad.csv");
        Files.write(bad, lines);
        String out = tmp.resolve("bad-run").toString();
        List<String> args = new ArrayList<>(List.of("train"));
        sets(bad.toString(), out, "train.epochs=1").forEach(s -> {
            args.add("--set");
            args.add(s);
        });
        PrintStream original = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        stopReader();
        try {
            assertEquals(2, Main.run(args.toArray(String[]::new)));
        } finally {
            System.setErr(original);
        }
        String message = err.toString(StandardCharsets.UTF_8);
        assertTrue(message.contains("co2-bad.csv: row 101, column 'value': 'n/a' is not a finite number"), message);
        // the failed run leaves only its reason, and a new run may take the directory
        try (var files = Files.list(Path.of(out))) {
            assertEquals(List.of("_FAILED"), files.map(p -> p.getFileName().toString())
                    .filter(n -> !n.startsWith(".")).toList());
        }
        assertTrue(Files.readString(Path.of(out, "_FAILED")).contains("co2-bad.csv: row 101"));

        args.addAll(List.of("--set", "series.on-error=quarantine"));
        stopReader();
        assertEquals(0, Main.run(args.toArray(String[]::new)));
        Row q = reader().read().parquet(out + "/quarantine").first();
        assertEquals(101L, q.getLong(2));
        assertEquals("value", q.getString(3));
    }
}

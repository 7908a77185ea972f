package org.sparklstm.ml;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.when;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.ml.evaluation.RegressionEvaluator;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparklstm.models.forecast.ForecastBundle;
import org.sparklstm.pipeline.ingest.InputException;

/** LstmForecaster on four real stock-market series: forecasts, backtest with MLlib's evaluator, persistence. */
class LstmForecasterTest extends MlTestSupport {

    static final int DAYS = 200;
    static final List<String> MARKETS = List.of("CAC", "DAX", "FTSE", "SMI");

    @TempDir
    static Path tmp;
    static SparkSession spark;
    static Dataset<Row> panel;
    static LstmForecastModel model;

    @BeforeAll
    static void fit() {
        spark = session();
        panel = markets(spark, DAYS).cache();
        model = smallForecaster().fit(panel);
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void transformForecastsHorizonStepsPastTheEndOfEachSeries() {
        List<Row> rows = model.transform(panel).orderBy("series_id", "horizon_step").collectAsList();
        assertEquals(MARKETS.size() * 3, rows.size(), "3 steps for each of 4 series and 1 target");
        double lastTime = panel.agg(max("time")).first().getDouble(0);
        Map<String, Double> lastClose = panel.where(col("time").equalTo(lastTime)).collectAsList().stream()
                .collect(Collectors.toMap(r -> r.getString(0), r -> r.getDouble(2)));
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            assertEquals(MARKETS.get(i / 3), r.getString(0));
            assertEquals("close", r.getString(1));
            assertEquals(String.valueOf(lastTime), r.getString(2), "the origin is the series' last time");
            assertNull(r.get(3), "the times past the data are unknown");
            assertEquals(i % 3 + 1, r.getInt(4));
            double forecast = r.getDouble(5);
            // in original units: near the index's last close (the four lie between ~1,400 and ~2,600)
            assertTrue(Double.isFinite(forecast) && Math.abs(forecast / lastClose.get(r.getString(0)) - 1) < 0.5,
                    r.toString());
        }
        assertEquals(ForecastColumns.FUTURE.schema(), model.transform(panel).schema());
        assertEquals(model.transformSchema(panel.schema()), model.transform(panel).schema());
    }

    @Test
    void timestampTimesOrderTheSeriesAsTheirNumbersDo() {
        // decimal years as seconds since 1970: other times, the same order, the same forecasts
        Dataset<Row> stamped = panel.withColumn("time", col("time").cast(DataTypes.TimestampType));
        List<Row> numbers = model.transform(panel).orderBy("series_id", "horizon_step").collectAsList();
        List<Row> stamps = model.transform(stamped).orderBy("series_id", "horizon_step").collectAsList();
        assertEquals(numbers.stream().map(r -> r.getDouble(5)).toList(), stamps.stream().map(r -> r.getDouble(5))
                .toList());
        String last = stamped.agg(max("time").cast(DataTypes.StringType)).first().getString(0);
        assertEquals(last, stamps.get(0).getString(2), "the origin as Spark writes the timestamp");
    }

    @Test
    void aSavedModelLoadsWithIdenticalForecastsAndTheCommandLinesBundle() throws Exception {
        String path = tmp.resolve("model").toString();
        model.write().save(path);
        assertTrue(Files.isDirectory(tmp.resolve("model/metadata")));
        for (String file : List.of(ForecastBundle.FORECAST, ForecastBundle.NORMALIZER, ForecastBundle.CONFIG)) {
            assertTrue(Files.exists(tmp.resolve("model").resolve(file)), file);
        }
        LstmForecastModel loaded = LstmForecastModel.load(path);
        assertEquals(model.uid(), loaded.uid());
        assertArrayEquals(new String[]{"close"}, loaded.getTargetCols());
        assertEquals("market", loaded.getIdCol());
        List<Row> before = model.transform(panel).orderBy("series_id", "horizon_step").collectAsList();
        List<Row> after = loaded.transform(panel).orderBy("series_id", "horizon_step").collectAsList();
        assertEquals(before, after);
        assertArrayEquals(model.bundle().network().params().toFloatVector(),
                loaded.bundle().network().params().toFloatVector());
    }

    @Test
    void backtestGivesActualsForMllibsRegressionEvaluator() {
        Dataset<Row> backtest = model.backtest(panel).cache();
        // the test part of each series is its last 20%: rows 160 to 199; origins 159 to 196 have 3 steps in it
        assertEquals(MARKETS.size() * 38L * 3, backtest.count());
        double rmse = new RegressionEvaluator().setLabelCol("actual").setPredictionCol("forecast").evaluate(backtest);
        assertTrue(Double.isFinite(rmse) && rmse > 0 && rmse < 200, "RMSE " + rmse);
        Row one = backtest.where(col("series_id").equalTo("DAX").and(col("horizon_step").equalTo(2))).orderBy(
                "origin_time").first();
        double actual = panel.where(col("market").equalTo("DAX").and(col("time").cast(DataTypes.StringType)
                .equalTo(one.getString(3)))).first().getDouble(2);
        assertEquals(actual, one.getDouble(6), "the actual is the close at the target time");
        backtest.unpersist();
    }

    @Test
    void aNullValueIsAnErrorNamingItsRowOrFilledAsAsked() {
        // the DataFrame's 50th row is DAX's 50th day
        double time = panel.collectAsList().get(49).getDouble(1);
        Dataset<Row> holed = panel.withColumn("close", when(col("market").equalTo("DAX")
                .and(col("time").equalTo(time)), lit(null).cast(DataTypes.DoubleType)).otherwise(col("close")));
        InputException error = assertThrows(InputException.class, () -> model.transform(holed));
        assertTrue(error.getMessage().startsWith("DataFrame: row 50, column 'close': missing value "
                + "(series.missing = fail)"), error.getMessage());
        InputException fitError = assertThrows(InputException.class, () -> smallForecaster().fit(holed));
        assertTrue(fitError.getMessage().startsWith("DataFrame: row 50, column 'close'"), fitError.getMessage());
        List<Row> filled = model.copy(new ParamMap().put(model.missing().w("forward-fill"))).transform(holed)
                .orderBy("series_id", "horizon_step").collectAsList();
        assertEquals(model.transform(panel).orderBy("series_id", "horizon_step").collectAsList(), filled,
                "a value filled from the day before, far from the last window, changes no forecast");
    }

    @Test
    void aRepeatedTimeIsAnErrorOrSkippedIntoTheRunsQuarantineInCheckpointDir() throws Exception {
        // DAX's 10th day once more, as the panel's last row
        Dataset<Row> repeated = panel.union(panel.where(col("market").equalTo("DAX")).limit(10).orderBy(
                col("time").desc()).limit(1));
        InputException error = assertThrows(InputException.class, () -> smallForecaster().fit(repeated));
        assertTrue(error.getMessage().startsWith("DataFrame: row 801: duplicate time "), error.getMessage());
        assertTrue(error.getMessage().contains("in series 'DAX' (DataFrame row 10 has it too)"), error.getMessage());

        Path run = tmp.resolve("skip-run");
        LstmForecastModel skipped = smallForecaster().setHandleInvalid("skip").setCheckpointDir(run.toString())
                .fit(repeated);
        assertTrue(Files.exists(run.resolve("_SUCCESS")), "the fit's run is finished in checkpointDir");
        List<Row> quarantine = spark.read().parquet(run.resolve("quarantine").toString()).collectAsList();
        assertEquals(1, quarantine.size());
        assertEquals(801L, (long) quarantine.get(0).getAs("row"));
        assertEquals(MARKETS.size() * 38L * 3, spark.read().parquet(run.resolve("forecasts").toString())
                .where("split = 'test'").count(), "the run's tables are there too");
        assertArrayEquals(model.bundle().network().params().toFloatVector(),
                skipped.bundle().network().params().toFloatVector(), "the same series train the same network");
    }

    @Test
    void transformSchemaRefusesColumnsTheSeriesReadersCannotRead() {
        IllegalArgumentException text = assertThrows(IllegalArgumentException.class, () -> smallForecaster()
                .transformSchema(panel.withColumn("close", col("close").cast(DataTypes.StringType)).schema()));
        assertEquals("valueCols: column 'close' must be numeric but was string", text.getMessage());
        IllegalArgumentException time = assertThrows(IllegalArgumentException.class, () -> model.transformSchema(
                panel.withColumn("time", lit(true)).schema()));
        assertTrue(time.getMessage().startsWith("timeCol: column 'time' must be a timestamp, date, numeric or "
                + "string"), time.getMessage());
        IllegalArgumentException absent = assertThrows(IllegalArgumentException.class, () -> smallForecaster()
                .setIdCol("index").transformSchema(panel.schema()));
        assertTrue(absent.getMessage().startsWith("idCol: column 'index' does not exist"), absent.getMessage());
        // timestamps, dates and string times are read as the command line reads them
        smallForecaster().transformSchema(panel.withColumn("time", col("time").cast(DataTypes.TimestampType))
                .schema());
        smallForecaster().transformSchema(panel.withColumn("time", col("time").cast(DataTypes.StringType))
                .schema());
        IllegalArgumentException oneStep = assertThrows(IllegalArgumentException.class, () -> smallForecaster()
                .setStrategy("one-step").transformSchema(panel.schema()));
        assertTrue(oneStep.getMessage().startsWith("horizon: 3 needs strategy direct or recursive"),
                oneStep.getMessage());
    }

    @Test
    void paramsBehaveAsMllibs() throws Exception {
        LstmForecaster forecaster = smallForecaster();
        assertTrue(forecaster.explainParams().contains("window: past steps the network sees (>= 1) (default: 60, "
                + "current: 10)"), forecaster.explainParams());
        assertTrue(forecaster.explainParams().contains("strategy: one-step: horizon 1; direct: all steps at once; "
                + "recursive: forecasts fed back as inputs (one-step | direct | recursive) (default: one-step, "
                + "current: direct)"), forecaster.explainParams());
        LstmForecaster defaults = new LstmForecaster();
        assertEquals("", defaults.getIdCol());
        assertEquals("time", defaults.getTimeCol());
        assertArrayEquals(new String[]{"value"}, defaults.getValueCols());
        assertArrayEquals(new String[0], defaults.getTargetCols());
        assertEquals(1, defaults.getHorizon());
        assertEquals("zscore", defaults.getNormalization());
        assertEquals(0.8, defaults.getSplitTrain());
        LstmForecaster copy = forecaster.copy(new ParamMap().put(forecaster.window().w(20)));
        assertEquals(20, copy.getWindow());
        assertEquals(10, forecaster.getWindow());
        assertEquals(forecaster.uid(), copy.uid());
        assertThrows(IllegalArgumentException.class, () -> forecaster.setWindow(0));
        assertThrows(IllegalArgumentException.class, () -> forecaster.setNormalization("log"));
        assertThrows(IllegalArgumentException.class, () -> forecaster.setSplitTrain(1.0));
        String saved = tmp.resolve("forecaster").toString();
        forecaster.setTargetCols("close").write().save(saved);
        LstmForecaster loaded = LstmForecaster.load(saved);
        assertArrayEquals(new String[]{"close"}, loaded.getTargetCols());
        assertEquals("direct", loaded.getStrategy());
        assertEquals(forecaster.uid(), loaded.uid());
        assertEquals(0.8, model.getSplitTrain(), "the model takes the estimator's split for its backtest");
        assertEquals(3, model.getHorizon());
        assertEquals(smallForecaster().getHorizon(), ((LstmForecaster) model.parent()).getHorizon());
    }
}

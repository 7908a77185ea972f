package org.sparklstm.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.Gson;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparklstm.ml.LstmForecastModel;
import org.sparklstm.ml.LstmForecaster;
import org.sparklstm.models.forecast.ForecastBundle;

/**
 * The Spark ML forecaster and the command line train the same model and forecast the same numbers, and each loads
 * what the other saved: four stock indices as a long Parquet table through {@code train} and {@code forecast}, and
 * the same table as a DataFrame through {@link LstmForecaster#fit} and {@link LstmForecastModel#transform}.
 */
class SparkMlForecastInteropTest {

    /** The columns the command line's forecasts table and {@code transform} share, in a stable order. */
    static final String[] FORECAST = {"series_id", "target", "origin_time", "horizon_step", "forecast"};

    @TempDir
    static Path tmp;
    static String panel;
    static String cliRun;
    static SparkSession spark;
    static LstmForecastModel fitted;

    @BeforeAll
    static void trainBothWays() {
        panel = tmp.resolve("markets.parquet").toString();
        session();
        Dataset<Row> wide = spark.read().option("header", true).option("inferSchema", true)
                .csv("../data-samples/EuStockMarkets.csv").limit(200);
        Dataset<Row> table = null;
        for (String index : List.of("DAX", "SMI", "CAC", "FTSE")) {
            Dataset<Row> one = wide.selectExpr("'" + index + "' AS market", "time", index + " AS close");
            table = table == null ? one : table.union(one);
        }
        table.repartition(3).write().parquet(panel);
        cliRun = tmp.resolve("cli").toString();
        CliRuns.train(List.of("task=forecast", "input.path=" + panel, "output.path=" + cliRun,
                "series.id-column=market", "series.value-columns=close", "series.window=10", "series.horizon=3",
                "series.strategy=direct", "series.season=5", "series.split.validation=0.1", "model.layers=1",
                "model.hidden=8", "train.epochs=2", "train.batch-size=32", "train.learning-rate=0.01",
                "train.workers=2", "spark.master=local[2]"));
        session();
        fitted = new LstmForecaster().setIdCol("market").setValueCols("close").setWindow(10).setHorizon(3)
                .setStrategy("direct").setSeason(5).setSplitValidation(0.1).setLayers(1).setHidden(8).setEpochs(2)
                .setBatchSize(32).setLearningRate(0.01).setWorkers(2).fit(spark.read().parquet(panel));
    }

    static void session() {
        spark = SparkSession.builder().master("local[2]").config("spark.ui.enabled", "false").getOrCreate();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    static List<Row> sorted(Dataset<Row> forecasts) {
        return forecasts.select(FORECAST[0], FORECAST).orderBy("series_id", "target", "origin_time", "horizon_step")
                .collectAsList();
    }

    /** The command line's {@code forecast} of the panel with the model in {@code modelPath}. */
    static List<Row> cliForecasts(String modelPath, String name) {
        String out = tmp.resolve(name).toString();
        spark.stop();
        CliRuns.run(List.of("forecast", "--set", "task=forecast", "--set", "input.path=" + panel, "--set",
                "series.id-column=market", "--set", "series.value-columns=close", "--set",
                "forecast.model-path=" + modelPath, "--set", "forecast.output-path=" + out, "--set",
                "spark.master=local[2]"));
        session();
        return sorted(spark.read().parquet(out + "/forecasts"));
    }

    @Test
    void fitGivesTheModelOfTrain() throws IOException {
        ForecastBundle cli = ForecastBundle.load(new org.apache.hadoop.fs.Path(cliRun, "model"), new Configuration());
        ForecastBundle ml = fitted.bundle();
        Gson gson = new Gson();
        assertEquals(gson.toJson(cli.spec()), gson.toJson(ml.spec()), "the spec, targets included");
        assertEquals(cli.columns(), ml.columns());
        assertEquals(cli.season(), ml.season());
        assertEquals(cli.normalizer().toJson(), ml.normalizer().toJson());
        assertArrayEquals(cli.network().params().toFloatVector(), ml.network().params().toFloatVector());
    }

    @Test
    void aModelTrainedByTheCommandLineTransformsAsItsForecastCommand() {
        LstmForecastModel model = LstmForecastModel.load(cliRun + "/model");
        assertEquals(0.1, model.getSplitValidation(), "the split of the run's config");
        List<Row> transformed = sorted(model.transform(spark.read().parquet(panel)));
        List<Row> cli = cliForecasts(cliRun + "/model", "cli-forecast");
        assertEquals(4 * 3, cli.size());
        assertEquals(cli, transformed);
        assertEquals(cli, sorted(fitted.transform(spark.read().parquet(panel))), "the fitted model's forecasts");
    }

    @Test
    void theBacktestOfACommandLineModelIsItsRunsTestForecasts() {
        LstmForecastModel model = LstmForecastModel.load(cliRun + "/model");
        String[] columns = {"series_id", "target", "origin_time", "target_time", "horizon_step", "forecast",
                "actual"};
        List<Row> backtest = model.backtest(spark.read().parquet(panel)).select(columns[0], columns)
                .orderBy("series_id", "origin_time", "horizon_step").collectAsList();
        List<Row> table = spark.read().parquet(cliRun + "/forecasts").where("split = 'test'")
                .select(columns[0], columns).orderBy("series_id", "origin_time", "horizon_step").collectAsList();
        // the test part is each series' last 10%: rows 180 to 199, origins 179 to 196
        assertEquals(4 * 18 * 3, table.size());
        assertEquals(table, backtest);
    }

    @Test
    void aModelSavedBySparkMlForecastsOnTheCommandLine() throws IOException {
        String saved = tmp.resolve("ml-model").toString();
        fitted.write().save(saved);
        List<Row> expected = sorted(fitted.transform(spark.read().parquet(panel)));
        assertEquals(expected, cliForecasts(saved, "ml-forecast"));
    }
}

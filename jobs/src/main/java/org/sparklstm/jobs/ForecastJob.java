package org.sparklstm.jobs;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.sparklstm.models.forecast.ForecastBundle;
import org.sparklstm.models.train.NetworkState;
import org.sparklstm.pipeline.evaluate.ForecastEvaluator;
import org.sparklstm.pipeline.ingest.InputFiles;
import org.sparklstm.pipeline.io.RunDirectory;
import org.sparklstm.pipeline.io.Tables;
import org.sparklstm.pipeline.series.SeriesIngest;

/**
 * {@code forecast}: applies a saved forecaster to the series of {@code input.path}: the next
 * {@code horizon} steps after each series' last row, in original units, written as the
 * {@code forecasts} table (split {@code future}, target time and actual unknown) of a new directory.
 */
final class ForecastJob {

    private final JobConfig config;
    private final boolean overwrite;
    private final PrintStream out;

    ForecastJob(JobConfig config, boolean overwrite, PrintStream out) {
        this.config = config;
        this.overwrite = overwrite;
        this.out = out;
    }

    /** @return the forecasts table's path */
    String run() throws IOException {
        Configuration hadoop = HadoopConf.forJobs();
        List<FileStatus> files = InputFiles.resolve("input.path", config.inputPath(), hadoop);
        String outputPath = config.forecast().outputPath();
        RunDirectory.checkWritable("forecast.output-path", outputPath, overwrite, hadoop);
        String table = NewRun.in(config.spark(), outputPath, (spark, run, runId, started) -> {
            JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            ForecastBundle bundle = ForecastBundle.load(new Path(config.forecast().modelPath()), sc.hadoopConfiguration());
            // the columns are the model's; how to read them is this job's
            SeriesIngest.Settings reading = config.series().ingest();
            SeriesIngest.Settings settings = new SeriesIngest.Settings(bundle.columns(), reading.format(),
                    reading.missing(), reading.quarantine());
            SeriesIngest.Result input = SeriesIngest.read(spark, files, settings, Math.max(2, sc.defaultParallelism()));
            RowQuarantine.write(spark, runId, input.quarantined(), run.path(Tables.QUARANTINE));
            ForecastEvaluator evaluator = new ForecastEvaluator(
                    bundle.network().getLayerWiseConfigurations().toJson(), bundle.spec(), bundle.columns().targets(),
                    config.series().split(), bundle.season());
            JavaRDD<Row> rows = evaluator.evaluate(input.series(), NetworkState.capture(bundle.network()),
                            sc.broadcast(bundle.normalizer()), List.of(ForecastEvaluator.FUTURE), runId)
                    .flatMap(r -> r.forecasts().iterator());
            Dataset<Row> forecasts = spark.createDataFrame(rows, Tables.FORECASTS_SCHEMA).cache();
            Tables.write(forecasts, run.path(Tables.FORECASTS));
            long count = forecasts.count();
            out.printf("%,d forecasts for %,d series (%,d series without a complete last window of %d steps); "
                            + "%,d quarantined rows%n", count, input.seriesCount(),
                    input.seriesCount() - count / ((long) bundle.spec().horizon() * bundle.columns().targets().size()),
                    bundle.spec().window(), input.quarantinedCount());
            out.println("series_id,target,origin_time,horizon_step,forecast");
            forecasts.limit(12).collectAsList().forEach(r -> out.printf("%s,%s,%s,%d,%.4f%n", r.getString(1),
                    r.getString(3), r.getString(4), r.getInt(6), r.getDouble(7)));
            return run.finalPath(Tables.FORECASTS);
        });
        out.println("outputs in " + outputPath + ": forecasts/, quarantine/");
        return table;
    }
}

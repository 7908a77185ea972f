package org.sparklstm.jobs.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.sparklstm.jobs.config.JobConfig;
import org.sparklstm.models.forecast.ForecastBundle;
import org.sparklstm.models.train.NetworkState;
import org.sparklstm.pipeline.forecast.ForecastEvaluator;
import org.sparklstm.pipeline.forecast.ForecastsRow;
import org.sparklstm.pipeline.ingest.InputFiles;
import org.sparklstm.pipeline.ingest.RowProblem;
import org.sparklstm.pipeline.ingest.RowQuarantineRow;
import org.sparklstm.pipeline.io.HadoopConf;
import org.sparklstm.pipeline.io.RunDirectory;
import org.sparklstm.pipeline.io.Tables;
import org.sparklstm.pipeline.series.SeriesCoverage;
import org.sparklstm.pipeline.series.SeriesIngest;

/**
 * {@code forecast}: applies a saved forecaster to the series of {@code input.path}: the next
 * {@code horizon} steps after each series' last row, in original units, written as the
 * {@code forecasts} table (split {@code future}, target time and actual unknown) of a new directory.
 */
public final class ForecastCommand {

    private ForecastCommand() {
    }

    /** @return the forecasts table's path */
    public static String run(JobConfig config, boolean overwrite, PrintStream out) throws IOException {
        Configuration hadoop = HadoopConf.forJobs();
        List<FileStatus> files = InputFiles.resolve("input.path", config.inputPath(), hadoop);
        String outputPath = config.forecast().outputPath();
        RunDirectory.checkWritable("forecast.output-path", outputPath, overwrite, hadoop);
        String table = NewRun.in(config.spark(), outputPath, (spark, run, runId, started) -> {
            JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            ForecastBundle bundle = ForecastBundle.load(new Path(config.forecast().modelPath()),
                    sc.hadoopConfiguration());
            // the columns are the model's; how to read them is this command's
            SeriesIngest.Settings reading = config.series().ingest();
            SeriesIngest.Settings settings = new SeriesIngest.Settings(bundle.columns(), reading.format(),
                    reading.missing(), reading.quarantine(), reading.encoding());
            SeriesIngest.Result input = SeriesIngest.read(spark, files, settings, Math.max(2, sc.defaultParallelism()));
            JavaRDD<RowProblem> noForecast = SeriesCoverage.withoutForecast(input.series(), bundle.spec(),
                    config.inputPath(), bundle.columns().seriesId()).cache();
            RowQuarantineRow.write(spark, runId, input.quarantined().union(noForecast), run.path(Tables.QUARANTINE));
            ForecastEvaluator evaluator = new ForecastEvaluator(
                    bundle.network().getLayerWiseConfigurations().toJson(), bundle.spec(), bundle.columns().targets(),
                    config.series().split(), bundle.season());
            Dataset<Row> forecasts = ForecastsRow.TABLE.frame(spark, evaluator.evaluate(input.series(),
                            NetworkState.capture(bundle.network()), sc.broadcast(bundle.normalizer()),
                            List.of(ForecastEvaluator.FUTURE), runId).flatMap(r -> r.forecasts().iterator()))
                    .cache();
            Tables.write(forecasts, run.path(Tables.FORECASTS));
            long count = forecasts.count();
            long without = noForecast.count();
            out.printf("%,d forecasts for %,d series; %,d quarantined rows%n", count, input.seriesCount(),
                    input.quarantinedCount());
            if (without > 0) {
                out.printf("%,d series have no forecast (quarantine rows): %s%n", without, noForecast.take(5).stream()
                        .map(RowProblem::reason).collect(Collectors.joining(" | ")));
            }
            out.println("series_id,target,origin_time,horizon_step,forecast");
            forecasts.limit(12).collectAsList().stream().map(ForecastsRow.TABLE::fromRow).forEach(f ->
                    out.printf("%s,%s,%s,%d,%.4f%n", f.seriesId(), f.target(), f.originTime(), f.horizonStep(),
                            f.forecast()));
            return run.finalPath(Tables.FORECASTS);
        });
        out.println("outputs in " + outputPath + ": forecasts/, quarantine/");
        return table;
    }
}

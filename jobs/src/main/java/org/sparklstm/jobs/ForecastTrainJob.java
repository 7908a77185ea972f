package org.sparklstm.jobs;

import java.io.IOException;
import java.io.PrintStream;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.sparklstm.models.forecast.ColumnStatistics;
import org.sparklstm.models.forecast.ForecastBundle;
import org.sparklstm.models.forecast.ForecastNetworkFactory;
import org.sparklstm.models.forecast.ForecastSpec;
import org.sparklstm.models.forecast.Normalizer;
import org.sparklstm.models.forecast.SeriesColumns;
import org.sparklstm.models.lm.LanguageModelSpec;
import org.sparklstm.models.nn.Networks;
import org.sparklstm.models.train.FitStatistics;
import org.sparklstm.pipeline.evaluate.ForecastEvaluator;
import org.sparklstm.pipeline.evaluate.ForecastEvaluator.SeriesResult;
import org.sparklstm.pipeline.ingest.InputException;
import org.sparklstm.pipeline.ingest.InputFiles;
import org.sparklstm.pipeline.io.RunDirectory;
import org.sparklstm.pipeline.io.Tables;
import org.sparklstm.pipeline.series.Series;
import org.sparklstm.pipeline.series.SeriesIngest;
import org.sparklstm.pipeline.series.SeriesWindowing;
import org.sparklstm.pipeline.series.SplitSpec;
import org.sparklstm.pipeline.train.CheckpointedTraining;
import org.sparklstm.pipeline.train.EpochResult;
import org.sparklstm.pipeline.train.ParameterAveragingTrainer;
import org.sparklstm.pipeline.train.SyncGradientTrainer;
import org.sparklstm.pipeline.train.TrainSettings;
import org.sparklstm.pipeline.train.Trainer;
import org.sparklstm.pipeline.train.TrainingPosition;

/**
 * {@code train} with {@code task = forecast}: ingest series -> split in time -> normaliser fitted on
 * the training parts -> windows dealt to workers -> parameter averaging (epochs, validation after
 * each) -> rolling-origin evaluation against the naive baselines -> model bundle, evaluation,
 * forecasts, metrics, runs and quarantine tables, moved into place only when the run succeeds.
 */
final class ForecastTrainJob {

    /** What a finished run reports; used by tests and benchmarks. */
    record Outcome(String runDirectory, ErrorSummary test, long trainWindows) {
    }

    private final JobConfig config;
    private final boolean overwrite;
    private final PrintStream out;

    ForecastTrainJob(JobConfig config, boolean overwrite, PrintStream out) {
        this.config = config;
        this.overwrite = overwrite;
        this.out = out;
    }

    Outcome run() throws IOException {
        Configuration hadoop = HadoopConf.forJobs();
        List<FileStatus> files = InputFiles.resolve("input.path", config.inputPath(), hadoop);
        RunDirectory.checkWritable("output.path", config.outputPath(), overwrite, hadoop);
        Outcome outcome = NewRun.training(config, files, (spark, run, runId, started) ->
                train(spark, files, run, runId, started));
        return printed(outcome);
    }

    /** Continues the unfinished run in {@code runDirectory} (see {@link ResumeCommand}). */
    Outcome resume(String runDirectory, RunManifest manifest, List<FileStatus> files) throws IOException {
        return printed(NewRun.resume(config.spark(), runDirectory, manifest, (spark, run, runId, started) ->
                train(spark, files, run, runId, started)));
    }

    private Outcome printed(Outcome outcome) {
        out.println("outputs in " + outcome.runDirectory() + ": model/, evaluation/, forecasts/, metrics/, runs/, "
                + "quarantine/");
        return outcome;
    }

    private Outcome train(SparkSession spark, List<FileStatus> files, RunDirectory run, String runId, Instant started)
            throws IOException {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        JobConfig.SeriesTask task = config.series();
        SeriesColumns columns = task.ingest().columns();
        int workers = config.train().workers() > 0 ? config.train().workers() : sc.defaultParallelism();
        out.printf("run %s: forecasting %s from %s (%d files), Spark %s with %d cores%n", runId, columns.targets(),
                config.inputPath(), files.size(), sc.master(), sc.defaultParallelism());

        SeriesIngest.Result input = SeriesIngest.read(spark, files, task.ingest(), Math.max(workers, 2));
        RowQuarantine.write(spark, runId, input.quarantined(), run.path(Tables.QUARANTINE));
        JavaRDD<Series> series = input.series();
        long missing = series.map(s -> (long) s.missingValues()).fold(0L, Long::sum);
        long filled = series.map(s -> (long) s.filledValues()).fold(0L, Long::sum);

        Map<String, ColumnStatistics> statistics = SeriesWindowing.trainingStatistics(series, task.split(),
                columns.values().size());
        Normalizer normalizer = Normalizer.fit(task.normalization(), task.perSeries(), statistics);
        Broadcast<Normalizer> sharedNormalizer = sc.broadcast(normalizer);
        LanguageModelSpec m = config.model();
        ForecastSpec spec = new ForecastSpec(columns.values().size(), columns.targetIndexes(), task.window(),
                task.horizon(), task.strategy(), task.relative(), m.layers(), m.hidden(), m.dropout(), m.learningRate(),
                m.clipNorm(), m.seed()).withCell(m.cell(), config.bidirectional());
        SeriesWindowing.Counted train = SeriesWindowing.blocks(series, sharedNormalizer, task.split(), SplitSpec.TRAIN,
                spec, workers);
        if (train.windows() == 0) {
            throw new InputException("input.path: no complete training windows: each series' training part must be "
                    + "longer than series.window (" + task.window() + ") + the steps trained (" + spec.trainedSteps()
                    + "); " + train.dropped() + " windows had missing values");
        }
        boolean validating = task.split().byTime() ? !task.split().validationFrom().isEmpty()
                : task.split().validation() > 0;
        out.printf("series: %,d series, %,d rows, %,d quarantined rows, %,d missing values (%,d filled); "
                        + "%,d training windows (%,d dropped for missing values) on %d workers%n",
                input.seriesCount(), input.rows(), input.quarantinedCount(), missing, filled, train.windows(),
                train.dropped(), workers);

        MultiLayerNetwork net = ForecastNetworkFactory.create(spec);
        String json = net.getLayerWiseConfigurations().toJson();
        out.printf("model: window %d of %d columns -> %d x %s%s %d -> %d outputs (%s, horizon %d), %,d parameters%n",
                spec.window(), spec.inputs(), spec.layers(), spec.bidirectional() ? "bidirectional " : "",
                spec.cell().configName(), spec.hidden(), spec.outputSize(), spec.strategy().key(),
                spec.horizon(), net.numParams());
        JobConfig.Train t = config.train();
        TrainSettings settings = new TrainSettings(t.epochs(), workers, t.batchSize(), t.averagingFrequency(), 0,
                t.seed(), 0, t.updateScale());
        Trainer trainer = t.trainer().equals("sync-gradients")
                ? new SyncGradientTrainer(sc, train.blocks(), net, settings)
                : new ParameterAveragingTrainer(sc, train.blocks(), net, settings);
        ForecastEvaluator evaluator = new ForecastEvaluator(json, spec, columns.targets(), task.split(), task.season());

        CheckpointedTraining training = CheckpointedTraining.inRun(trainer, run, t.checkpointEvery(), t.epochs(),
                sc.hadoopConfiguration());
        ConsoleProgress progress = new ConsoleProgress(out, "windows");
        CheckpointedTraining.Validation validate = (epoch, fitted, seconds, state) -> {
            if (!validating) {
                return EpochResult.unvalidated(epoch, fitted, seconds);
            }
            long evalStart = System.nanoTime();
            ErrorSummary v = ErrorSummary.of(evaluator.evaluate(series, state, sharedNormalizer,
                    List.of(SplitSpec.VALIDATION), null).collect());
            out.printf("epoch %d/%d done in %s: train loss %.4f; validation MAE %.4f (naive %.4f)%n", epoch,
                    t.epochs(), ConsoleProgress.duration(seconds), fitted.meanLoss(), v.mae(ForecastEvaluator.MODEL),
                    v.mae(ForecastEvaluator.NAIVE));
            return new EpochResult(epoch, fitted, seconds, Map.of("mae", v.mae(ForecastEvaluator.MODEL),
                    "rmse", v.rmse(ForecastEvaluator.MODEL), "windows", (double) v.count(ForecastEvaluator.MODEL)),
                    (System.nanoTime() - evalStart) / 1e9);
        };
        TrainingPosition end = training.fromLatest(progress, validate, out::println);
        List<Row> metrics = new ArrayList<>();
        double trainSeconds = 0;
        long trainedWindows = 0;
        for (EpochResult e : end.finished()) {
            trainSeconds += e.trainSeconds();
            trainedWindows += e.train().tokens();
            metrics.add(RowFactory.create(runId, e.epoch(), trainer.roundsPerEpoch(), SplitSpec.TRAIN,
                    e.train().meanLoss(), null, null, e.train().tokens(), e.trainSeconds()));
            if (validating) {
                metrics.add(RowFactory.create(runId, e.epoch(), trainer.roundsPerEpoch(), SplitSpec.VALIDATION, null,
                        e.validation("mae"), e.validation("rmse"), (long) e.validation("windows"),
                        e.validationSeconds()));
            }
        }
        EpochResult lastEpoch = end.finished().get(end.finished().size() - 1);
        FitStatistics last = lastEpoch.train();

        sc.setJobDescription("evaluate and write outputs");
        List<String> parts = validating ? List.of(SplitSpec.VALIDATION, SplitSpec.TEST) : List.of(SplitSpec.TEST);
        JavaRDD<SeriesResult> results = evaluator.evaluate(series, trainer.state(), sharedNormalizer, parts, runId)
                .persist(StorageLevel.MEMORY_AND_DISK());
        List<SeriesResult> collected = results.map(r -> new SeriesResult(r.errors(), List.of(), r.skippedOrigins()))
                .collect();
        Tables.write(spark, ErrorSummary.rows(runId, collected), Tables.FORECAST_EVALUATION_SCHEMA,
                run.path(Tables.EVALUATION));
        Tables.write(spark.createDataFrame(results.flatMap(r -> r.forecasts().iterator()), Tables.FORECASTS_SCHEMA),
                run.path(Tables.FORECASTS));
        results.unpersist();
        ErrorSummary test = ErrorSummary.of(collected.stream().map(r -> new SeriesResult(
                r.errors().stream().filter(e -> e.split().equals(SplitSpec.TEST)).toList(), List.of(), 0)).toList());

        MultiLayerNetwork trained = Networks.fromJson(json);
        trainer.state().applyTo(trained);
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("run_id", runId);
        stats.put("series", input.seriesCount());
        stats.put("rows", input.rows());
        stats.put("train_windows", train.windows());
        stats.put("test_mae", test.mae(ForecastEvaluator.MODEL));
        stats.put("test_naive_mae", test.mae(ForecastEvaluator.NAIVE));
        stats.put("test_seasonal_naive_mae", test.mae(ForecastEvaluator.SEASONAL_NAIVE));
        new ForecastBundle(trained, spec, columns, task.season(), normalizer, config.resolvedJson(), stats)
                .save(new Path(run.path(Tables.MODEL)), sc.hadoopConfiguration());

        Tables.write(spark, metrics, Tables.FORECAST_METRICS_SCHEMA, run.path(Tables.METRICS));
        long validationWindows = validating ? (long) lastEpoch.validation("windows") : 0;
        Tables.write(spark, List.of(RowFactory.create(runId, config.task(), Timestamp.from(started),
                        Timestamp.from(Instant.now()), config.resolvedJson(), input.seriesCount(), input.rows(),
                        input.quarantinedCount(), missing, filled, train.dropped(), train.windows(), validationWindows,
                        t.epochs(), last.meanLoss(), validating ? lastEpoch.validation("mae") : null,
                        test.orNull(ForecastEvaluator.MODEL), test.orNull(ForecastEvaluator.NAIVE),
                        test.orNull(ForecastEvaluator.SEASONAL_NAIVE), trainedWindows / trainSeconds,
                        DriverMemory.peakHeapMb())),
                Tables.FORECAST_RUNS_SCHEMA, run.path(Tables.RUNS));

        test.print(out, "test", spec.horizon());
        out.printf("training: %,.0f windows/s; driver peak heap %,.0f MB%n", trainedWindows / trainSeconds,
                DriverMemory.peakHeapMb());
        if (input.quarantinedCount() > 0) {
            out.printf("%,d input rows were quarantined: see %s%n", input.quarantinedCount(),
                    run.finalPath(Tables.QUARANTINE));
        }
        return new Outcome(run.target(), test, train.windows());
    }
}

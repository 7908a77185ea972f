package org.sparklstm.jobs;

import java.io.IOException;
import java.io.PrintStream;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.sparklstm.models.lm.LanguageModelSpec;
import org.sparklstm.models.lm.ModelBundle;
import org.sparklstm.models.lm.NetworkFactory;
import org.sparklstm.models.nn.Networks;
import org.sparklstm.models.text.Vocabulary;
import org.sparklstm.models.train.FitStatistics;
import org.sparklstm.pipeline.evaluate.LanguageModelEvaluator;
import org.sparklstm.pipeline.evaluate.LossSummary;
import org.sparklstm.pipeline.ingest.InputFiles;
import org.sparklstm.pipeline.io.RunDirectory;
import org.sparklstm.pipeline.io.Tables;
import org.sparklstm.pipeline.train.CheckpointedTraining;
import org.sparklstm.pipeline.train.Dl4jSparkTrainer;
import org.sparklstm.pipeline.train.EpochResult;
import org.sparklstm.pipeline.train.TrainingPosition;
import org.sparklstm.pipeline.train.ParameterAveragingTrainer;
import org.sparklstm.pipeline.train.SyncGradientTrainer;
import org.sparklstm.pipeline.train.TrainSettings;
import org.sparklstm.pipeline.train.Trainer;

/**
 * {@code train}: ingest -> tokenize -> encode -> windows -> partition -> train (epochs, validation after
 * each) -> model bundle and tables, all moved into the run directory only when the run succeeds.
 */
final class TrainJob {

    /** What a finished run reports; used by tests and benchmarks. */
    record Outcome(String runDirectory, LossSummary validation, LossSummary baseline, double tokensPerSecond,
                   String sample) {
    }

    private final JobConfig config;
    private final boolean overwrite;
    private final PrintStream out;

    TrainJob(JobConfig config, boolean overwrite, PrintStream out) {
        this.config = config;
        this.overwrite = overwrite;
        this.out = out;
    }

    Outcome run() throws IOException {
        Configuration hadoop = HadoopConf.forJobs();
        List<FileStatus> files = InputFiles.resolve("input.path", config.inputPath(), hadoop);
        RunDirectory.checkWritable("output.path", config.outputPath(), overwrite, hadoop);
        Outcome outcome = NewRun.training(config, files, (spark, run, runId, started) ->
                train(spark, JavaSparkContext.fromSparkContext(spark.sparkContext()), files, run, runId, started));
        return printed(outcome);
    }

    /** Continues the unfinished run in {@code runDirectory} (see {@link ResumeCommand}). */
    Outcome resume(String runDirectory, RunManifest manifest, List<FileStatus> files) throws IOException {
        return printed(NewRun.resume(config.spark(), runDirectory, manifest, (spark, run, runId, started) ->
                train(spark, JavaSparkContext.fromSparkContext(spark.sparkContext()), files, run, runId, started)));
    }

    private Outcome printed(Outcome outcome) {
        out.println("outputs in " + outcome.runDirectory() + ": model/, metrics/, runs/, quarantine/");
        return outcome;
    }

    private Outcome train(SparkSession spark, JavaSparkContext sc, List<FileStatus> files, RunDirectory run,
                          String runId, Instant started) throws IOException {
        out.printf("run %s: %s tokenizer on %s (%d files), Spark %s with %d cores%n", runId,
                config.tokenizer().type(), config.inputPath(), files.size(), sc.master(), sc.defaultParallelism());
        LanguageModelData data = LanguageModelData.prepare(sc, files, config);
        return fit(spark, sc, data, NetworkFactory::create, run, runId, started);
    }

    /**
     * The rest of {@code train} on prepared data, shared with {@code retrain}: trains, validates after each
     * epoch, and writes the model and tables into {@code run}.
     *
     * @param initial the network to start from, given the spec with the data's vocabulary size: a fresh one,
     *                or one warm-started from a trained model
     */
    Outcome fit(SparkSession spark, JavaSparkContext sc, LanguageModelData data,
                Function<LanguageModelSpec, MultiLayerNetwork> initial, RunDirectory run, String runId,
                Instant started) throws IOException {
        Corpus corpus = data.corpus();
        corpus.writeQuarantine(spark, runId, run.path(Tables.QUARANTINE));
        // the blocks are cached: the parsed lines are no longer needed
        corpus.ingested().release();
        Vocabulary vocabulary = data.vocabulary();
        int v = vocabulary.size();
        int workers = data.workers();
        LossSummary baseline = data.baseline();
        out.printf("corpus: %,d documents, %,d tokens, vocabulary %,d, %,d quarantined records; "
                        + "%,d training and %,d validation windows of %d steps on %d workers%n",
                corpus.documents(), data.tokens(), v, corpus.quarantined(), data.trainWindows(),
                data.validationWindows(), config.window().length(), workers);
        out.printf("baseline (unigram of training tokens) on validation: loss %.4f nats/token%s%n", baseline.loss(),
                bitsSuffix(baseline));

        LanguageModelSpec spec = config.model().withVocabularySize(v);
        MultiLayerNetwork net = initial.apply(spec);
        out.printf("model: embedding %d, %d x LSTM %d, %,d parameters; trainer %s, batch %d, averaging every %d%n",
                spec.embedding(), spec.layers(), spec.hidden(), net.numParams(), config.train().trainer(),
                config.train().batchSize(), config.train().averagingFrequency());
        JobConfig.Train t = config.train();
        TrainSettings settings = new TrainSettings(t.epochs(), workers, t.batchSize(), t.averagingFrequency(),
                t.tbpttLength(), t.seed(), v, t.updateScale());
        Trainer trainer = switch (t.trainer()) {
            case "dl4j-spark" -> new Dl4jSparkTrainer(sc, data.train(), net, settings);
            case "sync-gradients" -> SyncGradientTrainer.forLanguageModel(sc, data.train(), net, settings);
            default -> ParameterAveragingTrainer.forLanguageModel(sc, data.train(), net, settings);
        };
        String json = net.getLayerWiseConfigurations().toJson();

        CheckpointedTraining training = CheckpointedTraining.inRun(trainer, run, t.checkpointEvery(), t.epochs(),
                sc.hadoopConfiguration());
        ConsoleProgress progress = new ConsoleProgress(out, "tokens");
        CheckpointedTraining.Validation validate = (epoch, fitted, seconds, state) -> {
            sc.setJobDescription("validate epoch " + epoch);
            long evalStart = System.nanoTime();
            LossSummary scored = LanguageModelEvaluator.evaluate(data.validation(), json, state, t.evalBatchSize(), v);
            out.printf("epoch %d/%d done in %s: train loss %.4f, validation loss %.4f (perplexity %.2f%s), "
                            + "%,.0f tokens/s%n", epoch, t.epochs(), ConsoleProgress.duration(seconds), fitted.meanLoss(),
                    scored.loss(), scored.perplexity(), bitsSuffix(scored), fitted.tokens() / seconds);
            return new EpochResult(epoch, fitted, seconds, Map.of(EpochResult.LOSS, scored.loss(),
                    "tokens", (double) scored.tokens()), (System.nanoTime() - evalStart) / 1e9);
        };
        TrainingPosition end = training.fromLatest(progress, validate, out::println);
        List<Row> metrics = new ArrayList<>();
        double trainSeconds = 0;
        long trainedTokens = 0;
        for (EpochResult e : end.finished()) {
            trainSeconds += e.trainSeconds();
            trainedTokens += e.train().tokens();
            metrics.add(metricRow(runId, e.epoch(), trainer.roundsPerEpoch(), "train", e.train().meanLoss(),
                    e.train().tokens(), e.trainSeconds()));
            metrics.add(metricRow(runId, e.epoch(), trainer.roundsPerEpoch(), "validation", e.validation(EpochResult.LOSS),
                    (long) e.validation("tokens"), e.validationSeconds()));
        }
        EpochResult lastEpoch = end.finished().get(end.finished().size() - 1);
        FitStatistics last = lastEpoch.train();
        long validationTokens = (long) lastEpoch.validation("tokens");
        LossSummary validation = new LossSummary(lastEpoch.validation(EpochResult.LOSS) * validationTokens,
                validationTokens);
        sc.setJobDescription("write outputs");
        MultiLayerNetwork trained = Networks.fromJson(json);
        trainer.state().applyTo(trained);
        Map<String, Object> statistics = new LinkedHashMap<>();
        statistics.put("run_id", runId);
        statistics.put("documents", corpus.documents());
        statistics.put("tokens", data.tokens());
        statistics.put("vocabulary_size", v);
        if (config.tokenizer().isBpe()) {
            statistics.put("bpe_merges", data.encoding().merges().size());
        }
        statistics.put("train_windows", data.trainWindows());
        statistics.put("validation_windows", data.validationWindows());
        statistics.put("baseline_validation_loss", baseline.loss());
        statistics.put("validation_loss", validation.loss());
        statistics.put("train_target_counts", data.trainCounts());
        ModelBundle bundle = new ModelBundle(trained, data.encoding(), config.resolvedJson(), statistics);
        bundle.save(new Path(run.path(Tables.MODEL)), sc.hadoopConfiguration());

        double tokensPerSecond = trainedTokens / trainSeconds;
        Tables.write(spark, metrics, Tables.METRICS_SCHEMA, run.path(Tables.METRICS));
        Tables.write(spark, List.of(RowFactory.create(runId, config.task(), Timestamp.from(started),
                Timestamp.from(Instant.now()), config.resolvedJson(), corpus.documents(), data.tokens(), v,
                corpus.quarantined(), data.trainWindows(), data.validationWindows(), t.epochs(), last.meanLoss(), validation.loss(),
                validation.perplexity(), bitsOrNull(validation), baseline.loss(), tokensPerSecond,
                DriverMemory.peakHeapMb())),
                Tables.RUNS_SCHEMA, run.path(Tables.RUNS));

        out.printf("validation: loss %.4f nats/token, perplexity %.2f%s; unigram baseline %.4f (%s)%n",
                validation.loss(), validation.perplexity(), bitsSuffix(validation), baseline.loss(),
                validation.loss() < baseline.loss() ? "beaten" : "NOT beaten");
        out.printf("training: %,.0f tokens/s; driver peak heap %,.0f MB%n", tokensPerSecond, DriverMemory.peakHeapMb());
        if (corpus.quarantined() > 0) {
            out.printf("%,d input records were quarantined: see %s%n", corpus.quarantined(),
                    run.finalPath(Tables.QUARANTINE));
        }
        JobConfig.Generate g = config.generate();
        String sample = GenerateJob.generate(bundle, g);
        out.printf("sample (prompt \"%s\", temperature %s, seed %d):%n%s%n", g.prompt(), g.temperature(), g.seed(),
                sample);
        return new Outcome(run.target(), validation, baseline, tokensPerSecond, sample);
    }

    private boolean charModel() {
        return config.tokenizer().isChar();
    }

    private Row metricRow(String runId, int epoch, int round, String split, double loss, long tokens, double seconds) {
        Double bits = charModel() ? loss / Math.log(2) : null;
        return RowFactory.create(runId, epoch, round, split, loss, Math.exp(loss), bits, tokens, seconds);
    }

    private Double bitsOrNull(LossSummary s) {
        return charModel() ? s.bits() : null;
    }

    private String bitsSuffix(LossSummary s) {
        return charModel() ? String.format(", %.3f bits/char", s.bits()) : "";
    }
}

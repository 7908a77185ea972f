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
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.sparklstm.models.classify.ClassifierBundle;
import org.sparklstm.models.classify.ClassifierNetworkFactory;
import org.sparklstm.models.classify.ClassifierSpec;
import org.sparklstm.models.classify.EmbeddingInitializer;
import org.sparklstm.models.classify.Labels;
import org.sparklstm.models.classify.TextBlock;
import org.sparklstm.models.classify.TextPreparation;
import org.sparklstm.models.lm.LanguageModelSpec;
import org.sparklstm.models.nn.Networks;
import org.sparklstm.models.text.TextEncoding;
import org.sparklstm.models.text.Vocabulary;
import org.sparklstm.models.train.FitStatistics;
import org.sparklstm.models.train.MinibatchPlan;
import org.sparklstm.models.train.NetworkState;
import org.sparklstm.pipeline.classify.ClassifierScorer;
import org.sparklstm.pipeline.classify.ClassifierScorer.Prediction;
import org.sparklstm.pipeline.classify.LabelledText;
import org.sparklstm.pipeline.classify.LabelledTextIngest;
import org.sparklstm.pipeline.classify.TextBlocks;
import org.sparklstm.pipeline.embed.Word2VecStage;
import org.sparklstm.pipeline.ingest.InputException;
import org.sparklstm.pipeline.ingest.InputFiles;
import org.sparklstm.pipeline.io.RunDirectory;
import org.sparklstm.pipeline.io.Tables;
import org.sparklstm.pipeline.text.EncodingLearner;
import org.sparklstm.pipeline.train.CheckpointedTraining;
import org.sparklstm.pipeline.train.EpochResult;
import org.sparklstm.pipeline.train.KeptState;
import org.sparklstm.pipeline.train.ParameterAveragingTrainer;
import org.sparklstm.pipeline.train.SyncGradientTrainer;
import org.sparklstm.pipeline.train.TrainSettings;
import org.sparklstm.pipeline.train.Trainer;
import org.sparklstm.pipeline.train.TrainingPosition;

/**
 * {@code train} with {@code task = classify}: ingest labelled texts -> labels indexed -> vocabulary
 * (executors) -> optional Word2Vec (MLlib, executors) into the embedding rows -> texts encoded, cut
 * and dealt to workers -> training with validation after each epoch -> test scoring -> model bundle,
 * evaluation, predictions, metrics, runs and quarantine tables, moved into place only on success.
 */
final class ClassifyTrainJob {

    /** What a finished run reports; used by tests and benchmarks. */
    record Outcome(String runDirectory, ClassificationReport validation, ClassificationReport test) {
    }

    private final JobConfig config;
    private final boolean overwrite;
    private final PrintStream out;

    ClassifyTrainJob(JobConfig config, boolean overwrite, PrintStream out) {
        this.config = config;
        this.overwrite = overwrite;
        this.out = out;
    }

    Outcome run() throws IOException {
        Configuration hadoop = HadoopConf.forJobs();
        List<FileStatus> files = InputFiles.resolve("input.path", config.inputPath(), hadoop);
        JobConfig.Classify c = config.classify();
        List<FileStatus> testFiles = c.testPath().isEmpty() ? List.of()
                : InputFiles.resolve("classify.test-path", c.testPath(), hadoop);
        if (!c.columns().labelled()) {
            throw new ConfigException("classify.label-column: '' is not valid; expected the label column to train on");
        }
        RunDirectory.checkWritable("output.path", config.outputPath(), overwrite, hadoop);
        Outcome outcome = NewRun.training(config, files, (spark, run, runId, started) ->
                train(spark, files, testFiles, run, runId, started));
        return printed(outcome);
    }

    /** Continues the unfinished run in {@code runDirectory} (see {@link ResumeCommand}). */
    Outcome resume(String runDirectory, RunManifest manifest, List<FileStatus> files) throws IOException {
        String testPath = config.classify().testPath();
        List<FileStatus> testFiles = testPath.isEmpty() ? List.of()
                : InputFiles.resolve("classify.test-path", testPath, HadoopConf.forJobs());
        return printed(NewRun.resume(config.spark(), runDirectory, manifest, (spark, run, runId, started) ->
                train(spark, files, testFiles, run, runId, started)));
    }

    private Outcome printed(Outcome outcome) {
        out.println("outputs in " + outcome.runDirectory() + ": model/, evaluation/, predictions/, metrics/, runs/, "
                + "quarantine/" + (config.embeddings().word2vec() ? ", word2vec/" : ""));
        return outcome;
    }

    private Outcome train(SparkSession spark, List<FileStatus> files, List<FileStatus> testFiles, RunDirectory run,
                          String runId, Instant started) throws IOException {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        JobConfig.Classify c = config.classify();
        int workers = config.train().workers() > 0 ? config.train().workers() : sc.defaultParallelism();
        out.printf("run %s: classifying %s by %s, %s tokenizer, Spark %s with %d cores%n", runId,
                config.inputPath(), c.columns().label(), config.tokenizer().type(), sc.master(), sc.defaultParallelism());

        LabelledTextIngest.Result input = LabelledTextIngest.read(spark, files, c.columns(), c.quarantine());
        LabelledTextIngest.Result test = testFiles.isEmpty() ? null
                : LabelledTextIngest.read(spark, testFiles, c.columns(), c.quarantine());
        JavaRDD<org.sparklstm.pipeline.ingest.RowProblem> problems = test == null ? input.quarantined()
                : input.quarantined().union(test.quarantined());
        RowQuarantine.write(spark, runId, problems, run.path(Tables.QUARANTINE));

        long seed = config.train().seed();
        double fraction = c.validationFraction();
        JavaRDD<LabelledText> trainRows = input.rows().filter(r -> !held(r, seed, fraction)).cache();
        JavaRDD<LabelledText> validationRows = input.rows().filter(r -> held(r, seed, fraction)).cache();
        Labels labels = Labels.of(trainRows.map(LabelledText::label).distinct().collect());
        TextEncoding encoding = EncodingLearner.learnFromTexts(trainRows.map(LabelledText::text), config.tokenizer());
        Vocabulary vocabulary = encoding.vocabulary();
        TextPreparation preparation = new TextPreparation(encoding, c.maxLength(), c.keepEnd());
        long trainCount = trainRows.count();
        long validationCount = validationRows.count();
        out.printf("texts: %,d training, %,d validation, %,d test rows; %,d quarantined; classes %s; vocabulary %,d%n",
                trainCount, validationCount, test == null ? 0 : test.count(),
                input.quarantinedCount() + (test == null ? 0 : test.quarantinedCount()), labels.names(),
                vocabulary.size());

        LanguageModelSpec m = config.model();
        JobConfig.Embeddings e = config.embeddings();
        ClassifierSpec spec = new ClassifierSpec(vocabulary.size(), m.embedding(), m.layers(), m.hidden(), m.dropout(),
                labels.size(), c.pooling(), e.word2vec() && e.frozen(), m.learningRate(), m.clipNorm(), m.seed(),
                m.cell(), config.bidirectional());
        MultiLayerNetwork net = ClassifierNetworkFactory.create(spec);
        int initialised = e.word2vec() ? word2vec(spark, trainRows, encoding, net, run) : 0;
        String json = net.getLayerWiseConfigurations().toJson();
        out.printf("model: embedding %d%s, %d x %s%s %d, %s pooling, %d classes, %,d parameters%n", m.embedding(),
                e.word2vec() ? " (" + initialised + " rows from Word2Vec" + (e.frozen() ? ", frozen)" : ")") : "",
                m.layers(), config.bidirectional() ? "bidirectional " : "", m.cell().configName(), m.hidden(), c.pooling(), labels.size(), net.numParams());

        JavaRDD<TextBlock> blocks = TextBlocks.blocks(trainRows, sc.broadcast(preparation), labels, workers);
        JobConfig.Train t = config.train();
        TrainSettings settings = new TrainSettings(t.epochs(), workers, t.batchSize(), t.averagingFrequency(), 0,
                t.seed(), 0, t.updateScale());
        Trainer trainer = t.trainer().equals("sync-gradients") ? new SyncGradientTrainer(sc, blocks, net, settings)
                : new ParameterAveragingTrainer(sc, blocks, net, settings);

        CheckpointedTraining training = CheckpointedTraining.inRun(trainer, run, t.checkpointEvery(), t.epochs(),
                sc.hadoopConfiguration())
                .keepingLowestValidationLoss();
        ConsoleProgress progress = new ConsoleProgress(out, "texts");
        // reports of the epochs validated in this process (a resumed run lacks the earlier ones)
        Map<Integer, ClassificationReport> reports = new java.util.HashMap<>();
        CheckpointedTraining.Validation validate = (epoch, fitted, seconds, state) -> {
            if (validationCount == 0) {
                return EpochResult.unvalidated(epoch, fitted, seconds);
            }
            long evalStart = System.nanoTime();
            ClassificationReport v = report(predict(validationRows, json, state, preparation, labels), labels);
            reports.put(epoch, v);
            out.printf("epoch %d/%d done in %s: train loss %.4f; validation loss %.4f, accuracy %.4f%n", epoch,
                    t.epochs(), ConsoleProgress.duration(seconds), fitted.meanLoss(), v.loss(), v.metrics().accuracy());
            return new EpochResult(epoch, fitted, seconds, Map.of(EpochResult.LOSS, v.loss(),
                    "accuracy", v.metrics().accuracy()), (System.nanoTime() - evalStart) / 1e9);
        };
        TrainingPosition end = training.fromLatest(progress, validate, out::println);
        List<Row> metrics = new ArrayList<>();
        double trainSeconds = 0;
        long trainedRows = 0;
        for (EpochResult epoch : end.finished()) {
            trainSeconds += epoch.trainSeconds();
            trainedRows += epoch.train().tokens();
            metrics.add(RowFactory.create(runId, epoch.epoch(), trainer.roundsPerEpoch(), "train",
                    epoch.train().meanLoss(), null, epoch.train().tokens(), epoch.trainSeconds()));
            if (validationCount > 0) {
                metrics.add(RowFactory.create(runId, epoch.epoch(), trainer.roundsPerEpoch(), "validation",
                        epoch.validation(EpochResult.LOSS), epoch.validation("accuracy"), validationCount,
                        epoch.validationSeconds()));
            }
        }
        FitStatistics last = end.finished().get(end.finished().size() - 1).train();
        // the model kept is the one of the epoch with the lowest validation loss (the last without validation)
        KeptState kept = end.kept();
        int keptEpoch = kept == null ? t.epochs() : kept.epoch();
        ClassificationReport validation = kept == null ? null : reports.computeIfAbsent(keptEpoch,
                epoch -> report(predict(validationRows, json, kept.state(), preparation, labels), labels));

        sc.setJobDescription("evaluate and write outputs");
        NetworkState model = kept == null ? trainer.state() : kept.state();
        if (kept != null) {
            out.printf("keeping the model of epoch %d (lowest validation loss %.4f)%n", keptEpoch, validation.loss());
        }
        List<Row> evaluation = new ArrayList<>();
        if (validation != null) {
            evaluation.addAll(validation.evaluationRows(runId, "validation", labels));
        }
        ClassificationReport testReport = null;
        JavaRDD<Prediction> testPredictions = null;
        if (test != null) {
            testPredictions = predict(test.rows(), json, model, preparation, labels).cache();
            testReport = report(testPredictions, labels);
            evaluation.addAll(testReport.evaluationRows(runId, "test", labels));
            JavaRDD<Row> rows = testPredictions.map(p -> ClassificationReport.predictionRow(runId, p, labels));
            Tables.write(spark.createDataFrame(rows, Tables.PREDICTIONS_SCHEMA), run.path(Tables.PREDICTIONS));
        } else {
            Tables.write(spark, List.of(), Tables.PREDICTIONS_SCHEMA, run.path(Tables.PREDICTIONS));
        }
        Tables.write(spark, evaluation, Tables.CLASSIFY_EVALUATION_SCHEMA, run.path(Tables.EVALUATION));

        MultiLayerNetwork trained = Networks.fromJson(json);
        model.applyTo(trained);
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("run_id", runId);
        stats.put("train_rows", trainCount);
        stats.put("labels", labels.names());
        stats.put("kept_epoch", keptEpoch);
        if (testReport != null) {
            stats.put("test_accuracy", testReport.metrics().accuracy());
        }
        new ClassifierBundle(trained, preparation, labels, config.resolvedJson(), stats)
                .save(new Path(run.path(Tables.MODEL)), sc.hadoopConfiguration());
        Tables.write(spark, metrics, Tables.CLASSIFY_METRICS_SCHEMA, run.path(Tables.METRICS));
        Tables.write(spark, List.of(RowFactory.create(runId, config.task(), Timestamp.from(started),
                        Timestamp.from(Instant.now()), config.resolvedJson(), labels.size(), vocabulary.size(),
                        input.quarantinedCount() + (test == null ? 0 : test.quarantinedCount()), trainCount,
                        validationCount, test == null ? 0L : test.count(), initialised, t.epochs(), last.meanLoss(),
                        validation == null ? null : validation.metrics().accuracy(),
                        testReport == null ? null : testReport.metrics().accuracy(),
                        testReport == null ? null : testReport.metrics().macroF1(),
                        testReport == null || Double.isNaN(testReport.metrics().rocAuc()) ? null
                                : testReport.metrics().rocAuc(),
                        testReport == null ? null : testReport.majorityAccuracy(), trainedRows / trainSeconds,
                        DriverMemory.peakHeapMb())),
                Tables.CLASSIFY_RUNS_SCHEMA, run.path(Tables.RUNS));

        if (testReport != null) {
            out.printf("test: accuracy %.4f (majority class %.4f), macro-F1 %.4f%s over %,d rows%n",
                    testReport.metrics().accuracy(), testReport.majorityAccuracy(), testReport.metrics().macroF1(),
                    Double.isNaN(testReport.metrics().rocAuc()) ? ""
                            : String.format(", ROC AUC %.4f", testReport.metrics().rocAuc()),
                    testReport.metrics().total());
        }
        out.printf("training: %,.0f texts/s; driver peak heap %,.0f MB%n", trainedRows / trainSeconds,
                DriverMemory.peakHeapMb());
        return new Outcome(run.target(), validation, testReport);
    }

    /** A row is held out for validation by a seeded hash of its id: the same rows on every run. */
    static boolean held(LabelledText row, long seed, double fraction) {
        return fraction > 0 && Math.floorMod(MinibatchPlan.mix(seed, row.rowId().hashCode(), 17), 1_000_000L)
                < fraction * 1_000_000L;
    }

    private int word2vec(SparkSession spark, JavaRDD<LabelledText> trainRows, TextEncoding encoding,
                         MultiLayerNetwork net, RunDirectory run) {
        Vocabulary vocabulary = encoding.vocabulary();
        JobConfig.Embeddings e = config.embeddings();
        JavaRDD<String> texts = trainRows.map(LabelledText::text);
        if (!e.corpusPath().isEmpty()) {
            List<FileStatus> corpus = InputFiles.resolve("embeddings.corpus-path", e.corpusPath(),
                    spark.sparkContext().hadoopConfiguration());
            texts = texts.union(JavaSparkContext.fromSparkContext(spark.sparkContext())
                    .textFile(String.join(",", corpus.stream().map(f -> f.getPath().toString()).toList())));
        }
        Dataset<Row> vectors = Word2VecStage.train(spark, texts, encoding, new Word2VecStage.Settings(
                config.model().embedding(), e.minCount(), e.iterations(), e.window(), config.train().seed()));
        Tables.write(vectors.coalesce(1), run.path(Tables.WORD2VEC));
        int copied = EmbeddingInitializer.apply(net, vocabulary, Word2VecStage.vectorsOf(vectors, vocabulary.tokens()));
        if (copied == 0) {
            throw new InputException("embeddings.word2vec: no vocabulary token received a vector (embeddings.min-count "
                    + e.minCount() + ")");
        }
        return copied;
    }

    private JavaRDD<Prediction> predict(JavaRDD<LabelledText> rows, String json, NetworkState state,
                                        TextPreparation preparation, Labels labels) {
        return ClassifierScorer.predict(rows, json, state, preparation, labels, config.train().evalBatchSize());
    }

    /** Metrics over the rows whose label the classifier knows (an unseen label cannot be predicted). */
    private static ClassificationReport report(JavaRDD<Prediction> predictions, Labels labels) {
        return ClassificationReport.of(predictions.filter(p -> p.label() >= 0).collect(), labels);
    }
}

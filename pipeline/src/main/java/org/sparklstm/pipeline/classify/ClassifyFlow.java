package org.sparklstm.pipeline.classify;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.sparklstm.models.classify.ClassifierBundle;
import org.sparklstm.models.classify.ClassifierNetworkFactory;
import org.sparklstm.models.classify.ClassifierSpec;
import org.sparklstm.models.classify.EmbeddingInitializer;
import org.sparklstm.models.classify.Labels;
import org.sparklstm.models.classify.TextPreparation;
import org.sparklstm.models.text.TextEncoding;
import org.sparklstm.models.train.FitStatistics;
import org.sparklstm.models.train.NetworkState;
import org.sparklstm.pipeline.classify.ClassifierScorer.Prediction;
import org.sparklstm.pipeline.flow.CommonSettings;
import org.sparklstm.pipeline.flow.ConsoleProgress;
import org.sparklstm.pipeline.flow.DriverMemory;
import org.sparklstm.pipeline.flow.ModelSettings;
import org.sparklstm.pipeline.flow.Task;
import org.sparklstm.pipeline.flow.Trained;
import org.sparklstm.pipeline.flow.TrainingFlow;
import org.sparklstm.pipeline.flow.TrainingInputs;
import org.sparklstm.pipeline.flow.TrainingRun;
import org.sparklstm.pipeline.ingest.InputFiles;
import org.sparklstm.pipeline.ingest.RowProblem;
import org.sparklstm.pipeline.ingest.RowQuarantineRow;
import org.sparklstm.pipeline.io.Tables;
import org.sparklstm.pipeline.text.EncodingLearner;
import org.sparklstm.pipeline.train.EpochResult;
import org.sparklstm.pipeline.train.EpochValidation;
import org.sparklstm.pipeline.train.KeptState;
import org.sparklstm.pipeline.train.Trainer;
import org.sparklstm.pipeline.train.Trainers;

/**
 * A text classifier: ingest labelled texts -> labels indexed -> vocabulary (executors) -> optional Word2Vec
 * (MLlib, executors) for the embedding rows -> texts encoded, cut and dealt to workers -> training with
 * validation after each epoch, keeping the epoch with the lowest validation loss -> test scoring -> model
 * bundle, evaluation, predictions, metrics, runs and quarantine tables.
 */
public final class ClassifyFlow extends TrainingFlow<ClassifyData, ClassifyFlow.Scores, ClassifyResult> {

    /** The kept model's validation report (null without validation rows) and test report (null without a test path). */
    record Scores(int keptEpoch, ClassificationReport validation, ClassificationReport test) {
    }

    private final ClassifySettings task;
    // reports of the epochs validated in this process (a resumed run lacks the earlier ones)
    private final Map<Integer, ClassificationReport> reports = new HashMap<>();

    public ClassifyFlow(CommonSettings common, ClassifySettings task, PrintStream out) {
        super(common, out);
        this.task = task;
    }

    @Override
    public TrainingInputs resolveInputs(Configuration hadoop) {
        List<FileStatus> files = InputFiles.resolve("input.path", common.inputPath(), hadoop);
        List<FileStatus> testFiles = task.testPath().isEmpty() ? List.of()
                : InputFiles.resolve("classify.test-path", task.testPath(), hadoop);
        if (!task.columns().labelled()) {
            throw new IllegalArgumentException("classify.label-column: '' is not valid; expected the label column "
                    + "to train on");
        }
        return new TrainingInputs(files, List.of(), testFiles);
    }

    @Override
    public String outputs() {
        return "model/, evaluation/, predictions/, metrics/, runs/, quarantine/"
                + (task.embeddings().word2vec() ? ", word2vec/" : "");
    }

    /**
     * Trains on labelled rows already read, such as a DataFrame's (the Spark ML estimator), in a run whose outputs
     * go to its staging paths.
     *
     * @param labels the classes, or null to take those of the training rows
     */
    public ClassifyResult trainOnRows(TrainingRun run, LabelledTextIngest.Result input, Labels labels)
            throws IOException {
        DriverMemory.watch();
        return trainOn(run, prepare(run, input, null, labels));
    }

    @Override
    protected ClassifyData prepare(TrainingRun run, TrainingInputs inputs) {
        LabelledTextIngest.Result input = LabelledTextIngest.read(run.spark(), inputs.files(), task.columns(),
                task.quarantine(), task.encoding());
        LabelledTextIngest.Result test = inputs.testFiles().isEmpty() ? null
                : LabelledTextIngest.read(run.spark(), inputs.testFiles(), task.columns(), task.quarantine(),
                        task.encoding());
        return prepare(run, input, test, null);
    }

    private ClassifyData prepare(TrainingRun run, LabelledTextIngest.Result input, LabelledTextIngest.Result test,
                                 Labels knownLabels) {
        JavaSparkContext sc = run.sc();
        out.printf("run %s: classifying %s by %s, %s tokenizer, Spark %s with %d cores%n", run.runId(),
                common.inputPath(), task.columns().label(), task.tokenizer().type(), sc.master(),
                sc.defaultParallelism());
        JavaRDD<RowProblem> problems = test == null ? input.quarantined()
                : input.quarantined().union(test.quarantined());
        RowQuarantineRow.write(run.spark(), run.runId(), problems, run.path(Tables.QUARANTINE));

        long seed = train.seed();
        double fraction = task.validationFraction();
        JavaRDD<LabelledText> trainRows = input.rows().filter(r -> !HeldOut.held(r, seed, fraction)).cache();
        JavaRDD<LabelledText> validationRows = input.rows().filter(r -> HeldOut.held(r, seed, fraction)).cache();
        Labels labels = knownLabels != null ? knownLabels
                : Labels.of(trainRows.map(LabelledText::label).distinct().collect());
        TextEncoding encoding = EncodingLearner.learnFromTexts(trainRows.map(LabelledText::text), task.tokenizer());
        TextPreparation preparation = new TextPreparation(encoding, task.maxLength(), task.keepEnd());
        long trainCount = trainRows.count();
        long validationCount = validationRows.count();
        out.printf("texts: %,d training, %,d validation, %,d test rows; %,d quarantined; classes %s; vocabulary %,d%n",
                trainCount, validationCount, test == null ? 0 : test.count(),
                input.quarantinedCount() + (test == null ? 0 : test.quarantinedCount()), labels.names(),
                encoding.vocabulary().size());
        Map<String, float[]> vectors = task.embeddings().word2vec()
                ? Word2VecEmbedding.train(run, trainRows, encoding, common.model().embedding(), task.embeddings(), seed)
                : Map.of();
        int vectorRows = (int) encoding.vocabulary().tokens().stream().filter(vectors::containsKey).count();
        return new ClassifyData(input, test, trainRows, validationRows, trainCount, validationCount, labels,
                preparation, vectors, vectorRows);
    }

    @Override
    protected MultiLayerNetwork network(TrainingRun run, ClassifyData data) {
        ModelSettings m = common.model();
        EmbeddingSettings e = task.embeddings();
        ClassifierSpec spec = new ClassifierSpec(data.preparation().encoding().vocabulary().size(), m.embedding(),
                m.layers(), m.hidden(), m.dropout(), data.labels().size(), task.pooling().configName(),
                e.word2vec() && e.frozen(), m.learningRate(), m.clipNorm(), m.seed(), m.cell(), m.bidirectional());
        MultiLayerNetwork net = ClassifierNetworkFactory.create(spec);
        if (e.word2vec()) {
            EmbeddingInitializer.apply(net, data.preparation().encoding().vocabulary(), data.vectors());
        }
        out.printf("model: embedding %d%s, %d x %s%s %d, %s pooling, %d classes, %,d parameters%n", m.embedding(),
                e.word2vec() ? " (" + data.vectorRows() + " rows from Word2Vec" + (e.frozen() ? ", frozen)" : ")")
                        : "", m.layers(), m.bidirectional() ? "bidirectional " : "", m.cell().configName(), m.hidden(),
                task.pooling().configName(), data.labels().size(), net.numParams());
        return net;
    }

    @Override
    protected Trainer trainer(TrainingRun run, ClassifyData data, MultiLayerNetwork net) {
        JavaSparkContext sc = run.sc();
        int workers = train.workersIn(sc);
        return Trainers.forBlocks(train, sc, TextBlocks.blocks(data.trainRows(), sc.broadcast(data.preparation()),
                data.labels(), workers), net, workers, run.roundFiles());
    }

    @Override
    protected String units() {
        return "texts";
    }

    @Override
    protected boolean keepsBestEpoch() {
        return true;
    }

    @Override
    protected EpochValidation validate(TrainingRun run, ClassifyData data, String networkJson, int epoch,
                                       FitStatistics fitted, double seconds, NetworkState state) {
        if (data.validationCount() == 0) {
            return null;
        }
        ClassificationReport v = report(predict(data.validationRows(), networkJson, state, data), data.labels());
        reports.put(epoch, v);
        out.printf("epoch %d/%d done in %s: train loss %.4f; validation loss %.4f, accuracy %.4f%n", epoch,
                train.epochs(), ConsoleProgress.duration(seconds), fitted.meanLoss(), v.loss(),
                v.metrics().accuracy());
        return new ClassifyValidation(v.loss(), v.metrics().accuracy(), data.validationCount());
    }

    /** The kept model on the validation and test rows; writes the evaluation and predictions tables. */
    @Override
    protected Scores evaluate(TrainingRun run, ClassifyData data, Trained trained) {
        Labels labels = data.labels();
        String runId = run.runId();
        KeptState kept = trained.kept();
        int keptEpoch = kept == null ? trained.lastEpoch().epoch() : kept.epoch();
        ClassificationReport validation = kept == null ? null : reports.computeIfAbsent(keptEpoch, epoch ->
                report(predict(data.validationRows(), trained.networkJson(), kept.state(), data), labels));
        if (kept != null) {
            out.printf("keeping the model of epoch %d (lowest validation loss %.4f)%n", keptEpoch, validation.loss());
        }
        List<ClassifyEvaluationRow> evaluation = new ArrayList<>();
        if (validation != null) {
            evaluation.addAll(validation.evaluationRows(runId, "validation", labels));
        }
        ClassificationReport test = null;
        if (data.test() != null) {
            JavaRDD<Prediction> predictions = predict(data.test().rows(), trained.networkJson(), trained.model(), data)
                    .cache();
            test = report(predictions, labels);
            evaluation.addAll(test.evaluationRows(runId, "test", labels));
            Tables.write(PredictionsRow.TABLE.frame(run.spark(), predictions.map(p -> PredictionsRow.of(runId, p,
                    labels))), run.path(Tables.PREDICTIONS));
        } else {
            PredictionsRow.TABLE.write(run.spark(), List.of(), run.path(Tables.PREDICTIONS));
        }
        ClassifyEvaluationRow.TABLE.write(run.spark(), evaluation, run.path(Tables.EVALUATION));
        return new Scores(keptEpoch, validation, test);
    }

    @Override
    protected void saveModel(TrainingRun run, ClassifyData data, Trained trained, Scores scores) throws IOException {
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("run_id", run.runId());
        stats.put("train_rows", data.trainCount());
        stats.put("labels", data.labels().names());
        stats.put("kept_epoch", scores.keptEpoch());
        if (scores.test() != null) {
            stats.put("test_accuracy", scores.test().metrics().accuracy());
        }
        new ClassifierBundle(trained.network(), data.preparation(), data.labels(), run.configJson(), stats)
                .save(new Path(run.path(Tables.MODEL)), run.hadoop());
    }

    @Override
    protected void writeMetrics(TrainingRun run, Trained trained, Scores scores) {
        List<ClassifyMetricsRow> rows = new ArrayList<>();
        for (EpochResult e : trained.epochs()) {
            rows.add(new ClassifyMetricsRow(run.runId(), e.epoch(), trained.rounds(), "train", e.train().meanLoss(),
                    null, e.train().tokens(), e.trainSeconds()));
            if (e.validation() instanceof ClassifyValidation v) {
                rows.add(new ClassifyMetricsRow(run.runId(), e.epoch(), trained.rounds(), "validation", v.loss(),
                        v.accuracy(), v.rows(), e.validationSeconds()));
            }
        }
        ClassifyMetricsRow.TABLE.write(run.spark(), rows, run.path(Tables.METRICS));
    }

    @Override
    protected void writeRun(TrainingRun run, ClassifyData data, Trained trained, Scores scores) {
        ClassificationReport validation = scores.validation();
        ClassificationReport test = scores.test();
        ClassifyRunsRow row = new ClassifyRunsRow(run.runId(), Task.CLASSIFY.configName(), run.started(),
                Instant.now(), run.configJson(), data.labels().size(),
                data.preparation().encoding().vocabulary().size(), data.quarantined(), data.trainCount(),
                data.validationCount(), data.testCount(), data.vectorRows(), trained.epochs().size(),
                trained.lastEpoch().train().meanLoss(), validation == null ? null : validation.metrics().accuracy(),
                test == null ? null : test.metrics().accuracy(), test == null ? null : test.metrics().macroF1(),
                test == null || Double.isNaN(test.metrics().rocAuc()) ? null : test.metrics().rocAuc(),
                test == null ? null : test.majorityAccuracy(), trained.throughput(), DriverMemory.peakHeapMb());
        ClassifyRunsRow.TABLE.write(run.spark(), List.of(row), run.path(Tables.RUNS));
    }

    @Override
    protected ClassifyResult summarize(TrainingRun run, ClassifyData data, Trained trained, Scores scores) {
        ClassificationReport test = scores.test();
        if (test != null) {
            out.printf("test: accuracy %.4f (majority class %.4f), macro-F1 %.4f%s over %,d rows%n",
                    test.metrics().accuracy(), test.majorityAccuracy(), test.metrics().macroF1(),
                    Double.isNaN(test.metrics().rocAuc()) ? ""
                            : String.format(", ROC AUC %.4f", test.metrics().rocAuc()),
                    test.metrics().total());
        }
        out.printf("training: %,.0f texts/s; %s%n", trained.throughput(), DriverMemory.summary());
        return new ClassifyResult(run.directory().target(), scores.validation(), test);
    }

    private JavaRDD<Prediction> predict(JavaRDD<LabelledText> rows, String json, NetworkState state,
                                        ClassifyData data) {
        return ClassifierScorer.predict(rows, json, state, data.preparation(), data.labels(), train.evalBatchSize());
    }

    /** Metrics over the rows whose label the classifier knows (an unseen label cannot be predicted). */
    private static ClassificationReport report(JavaRDD<Prediction> predictions, Labels labels) {
        return ClassificationReport.of(predictions.filter(p -> p.label() >= 0), labels);
    }
}

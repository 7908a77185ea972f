package org.sparklstm.pipeline.lm;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.sparklstm.models.lm.LanguageModelSpec;
import org.sparklstm.models.lm.ModelBundle;
import org.sparklstm.models.lm.NetworkFactory;
import org.sparklstm.models.train.FitStatistics;
import org.sparklstm.models.train.NetworkState;
import org.sparklstm.pipeline.evaluate.LanguageModelEvaluator;
import org.sparklstm.pipeline.evaluate.LossSummary;
import org.sparklstm.pipeline.flow.CommonSettings;
import org.sparklstm.pipeline.flow.ConsoleProgress;
import org.sparklstm.pipeline.flow.DriverMemory;
import org.sparklstm.pipeline.flow.Task;
import org.sparklstm.pipeline.flow.Trained;
import org.sparklstm.pipeline.flow.TrainingFlow;
import org.sparklstm.pipeline.flow.TrainingInputs;
import org.sparklstm.pipeline.flow.TrainingRun;
import org.sparklstm.pipeline.io.Tables;
import org.sparklstm.pipeline.sequences.WindowStore;
import org.sparklstm.pipeline.text.EncodingLearner;
import org.sparklstm.pipeline.train.EpochResult;
import org.sparklstm.pipeline.train.EpochValidation;
import org.sparklstm.pipeline.train.Trainer;
import org.sparklstm.pipeline.train.Trainers;

/**
 * A next-token language model: ingest -> tokenize -> encode -> windows -> one block per worker -> train
 * (validation after each epoch) -> model bundle, metrics, runs and quarantine tables, and a sample.
 */
public final class LanguageModelFlow extends TrainingFlow<LanguageModelData, LanguageModelFlow.Scored,
        LanguageModelResult> {

    /** The trained model, its kept epoch's validation, and its test where there is held-out test text. */
    record Scored(ModelBundle bundle, LossSummary validation, Optional<Tested> test) {
    }

    /** The kept model scored on the test text, and how long that took. */
    record Tested(LossSummary loss, double seconds) {
    }

    private final LanguageModelSettings task;
    private final Function<LanguageModelSpec, MultiLayerNetwork> initial;

    public LanguageModelFlow(CommonSettings common, LanguageModelSettings task, PrintStream out) {
        this(common, task, out, NetworkFactory::create);
    }

    /**
     * @param initial the network to start from, given the spec with the data's vocabulary size: a fresh one,
     *                or one warm-started from a trained model
     */
    public LanguageModelFlow(CommonSettings common, LanguageModelSettings task, PrintStream out,
                             Function<LanguageModelSpec, MultiLayerNetwork> initial) {
        super(common, out);
        this.task = task;
        this.initial = initial;
    }

    /** Also resolves the held-out paths, so that a bad one fails before Spark starts as input.path does. */
    @Override
    public TrainingInputs resolveInputs(Configuration hadoop) {
        return LmSources.resolve(common.inputPath(), task.heldOut(), hadoop);
    }

    @Override
    public String outputs() {
        return "model/, metrics/, runs/, quarantine/";
    }

    /**
     * Trains on a corpus already read, such as a DataFrame's texts (the Spark ML estimator), in a run whose outputs
     * go to its staging paths; its validation is the end of its stream.
     */
    public LanguageModelResult trainOnCorpus(TrainingRun run, Corpus corpus) throws IOException {
        DriverMemory.watch();
        printStart(run, "a DataFrame");
        return trainOn(run, LanguageModelData.prepare(run.sc(), corpus, Optional.empty(), Optional.empty(),
                lines -> EncodingLearner.learn(lines, task.tokenizer()), task.window(), train.workers(),
                train.stateful(), store(run)));
    }

    @Override
    protected LanguageModelData prepare(TrainingRun run, TrainingInputs inputs) {
        printStart(run, common.inputPath() + " (" + inputs.files().size() + " files)");
        return LanguageModelData.prepare(run.sc(), LmSources.of(common.inputPath(), task.heldOut(), inputs, task.reading()),
                lines -> EncodingLearner.learn(lines, task.tokenizer()), task.window(), train.workers(),
                train.stateful(), store(run));
    }

    private void printStart(TrainingRun run, String input) {
        JavaSparkContext sc = run.sc();
        out.printf("run %s: %s tokenizer on %s, Spark %s with %d cores%n", run.runId(), task.tokenizer().type(),
                input, sc.master(), sc.defaultParallelism());
    }

    private WindowStore store(TrainingRun run) {
        return task.store() == WindowStore.Kind.DISK ? WindowStore.disk(run.directory().scratch("windows"))
                : WindowStore.MEMORY;
    }

    /** Also writes the quarantine and reports the corpus: a warm start comes here with data of its own. */
    @Override
    protected MultiLayerNetwork network(TrainingRun run, LanguageModelData data) {
        Corpus corpus = data.corpus();
        data.writeQuarantine(run.spark(), run.runId(), run.path(Tables.QUARANTINE));
        List<String> binary = corpus.binaryLookingFiles();
        List<String> leftOut = corpus.filesLeftOut();
        // the blocks are cached: the parsed lines are no longer needed
        data.releaseIngested();
        int v = data.vocabulary().size();
        LossSummary baseline = data.baseline();
        out.printf("corpus: %,d documents, %,d tokens, vocabulary %,d, %,d quarantined records; "
                        + "%,d training and %,d validation windows of %d steps on %d workers%n",
                corpus.documents(), data.tokens(), v, corpus.quarantined(), data.trainWindows(),
                data.validationWindows(), task.window().length(), data.workers());
        binary.forEach(file -> out.println("warning: " + file + "; the rest of the corpus is trained"));
        leftOut.forEach(file -> out.println("warning: " + file));
        if (task.window().stride() > task.window().length()) {
            long trainedStretch = data.untrainedTokens() + data.trainWindows() * task.window().length();
            out.printf("warning: %,d training tokens (%.1f%%) are the target of no training window: sequence.stride "
                            + "%d is longer than sequence.length %d; make them equal to train on all of the text%n",
                    data.untrainedTokens(), 100.0 * data.untrainedTokens() / Math.max(1, trainedStretch),
                    task.window().stride(), task.window().length());
        }
        data.validationText().ifPresent(t -> printHeldOut("validation", t));
        data.test().ifPresent(t -> printHeldOut("test", t));
        out.printf("baseline (unigram of training tokens) on validation: loss %.4f nats/token%s%n", baseline.loss(),
                bitsSuffix(baseline));
        // stateful: the window is the truncation, and the state is carried from one window to the next
        LanguageModelSpec spec = common.model().languageModel(v, train.stateful() ? 0 : train.tbpttLength());
        MultiLayerNetwork net = initial.apply(spec);
        out.printf("model: embedding %d, %d x LSTM %d, %,d parameters; trainer %s, batch %d per worker, averaging"
                        + " every %d, %s%n",
                spec.embedding(), spec.layers(), spec.hidden(), net.numParams(), train.trainer().configName(),
                train.batchSizePerWorker(data.workers()), train.averagingFrequency(),
                train.stateful() ? "stateful" : "stateless");
        return net;
    }

    private void printHeldOut(String split, HeldOutText text) {
        out.printf("%s text (%s): %,d documents, %,d tokens, %,d quarantined records; %,d windows%n", split,
                text.source().key(), text.corpus().documents(), text.tokens(), text.corpus().quarantined(),
                text.windows());
    }

    @Override
    protected Trainer trainer(TrainingRun run, LanguageModelData data, MultiLayerNetwork net) {
        return Trainers.forLanguageModel(train, run.sc(), data.train(), net, data.workers(), data.vocabulary().size(),
                run.roundFiles());
    }

    @Override
    protected String units() {
        return "tokens";
    }

    @Override
    protected EpochValidation validate(TrainingRun run, LanguageModelData data, String networkJson, int epoch,
                                       FitStatistics fitted, double seconds, NetworkState state) {
        run.sc().setJobDescription("validate epoch " + epoch);
        LossSummary scored = LanguageModelEvaluator.evaluate(data.validation(), networkJson, state,
                train.evalBatchSize(), data.vocabulary().size(), train.stateful());
        out.printf("epoch %d/%d done in %s: train loss %.4f, validation loss %.4f (perplexity %.2f%s), "
                        + "%,.0f tokens/s%n", epoch, train.epochs(), ConsoleProgress.duration(seconds),
                fitted.meanLoss(), scored.loss(), scored.perplexity(), bitsSuffix(scored), fitted.tokens() / seconds);
        return new LmValidation(scored.loss(), scored.tokens());
    }

    @Override
    protected Scored evaluate(TrainingRun run, LanguageModelData data, Trained trained) {
        LmValidation kept = (LmValidation) trained.keptEpoch().validation();
        if (trained.kept() != null) {
            out.printf("keeping the model of epoch %d (lowest validation loss %.4f)%n", trained.kept().epoch(),
                    kept.loss());
        }
        LossSummary validation = new LossSummary(kept.loss() * kept.tokens(), kept.tokens());
        Map<String, Object> statistics = new LinkedHashMap<>();
        statistics.put("run_id", run.runId());
        statistics.put("documents", data.corpus().documents());
        statistics.put("tokens", data.tokens());
        statistics.put("vocabulary_size", data.vocabulary().size());
        if (task.tokenizer().isBpe()) {
            statistics.put("bpe_merges", data.encoding().merges().size());
        }
        statistics.put("train_windows", data.trainWindows());
        statistics.put("untrained_tokens", data.untrainedTokens());
        statistics.put("validation_windows", data.validationWindows());
        statistics.put("baseline_validation_loss", data.baseline().loss());
        statistics.put("validation_loss", validation.loss());
        statistics.put("train_target_counts", data.trainCounts());
        return new Scored(new ModelBundle(trained.network(), data.encoding(), run.configJson(), statistics),
                validation, data.test().map(t -> test(run, t, trained, data.vocabulary().size())));
    }

    /** The kept model (the one saved) on the test text, scored as validation is. */
    private Tested test(TrainingRun run, HeldOutText text, Trained trained, int vocabularySize) {
        run.sc().setJobDescription("test");
        long start = System.nanoTime();
        LossSummary loss = LanguageModelEvaluator.evaluate(text.blocks(), trained.networkJson(), trained.model(),
                train.evalBatchSize(), vocabularySize, train.stateful());
        return new Tested(loss, (System.nanoTime() - start) / 1e9);
    }

    @Override
    protected void saveModel(TrainingRun run, LanguageModelData data, Trained trained, Scored scores)
            throws IOException {
        scores.bundle().save(new Path(run.path(Tables.MODEL)), run.hadoop());
    }

    @Override
    protected void writeMetrics(TrainingRun run, Trained trained, Scored scores) {
        boolean chars = task.tokenizer().isChar();
        List<LmMetricsRow> rows = new ArrayList<>();
        for (EpochResult e : trained.epochs()) {
            LmValidation v = (LmValidation) e.validation();
            rows.add(LmMetricsRow.of(run.runId(), e.epoch(), trained.rounds(), "train", e.train().meanLoss(),
                    e.train().tokens(), e.trainSeconds(), chars));
            rows.add(LmMetricsRow.of(run.runId(), e.epoch(), trained.rounds(), "validation", v.loss(), v.tokens(),
                    e.validationSeconds(), chars));
        }
        scores.test().ifPresent(t -> rows.add(LmMetricsRow.of(run.runId(), trained.keptEpoch().epoch(),
                trained.rounds(), "test", t.loss().loss(), t.loss().tokens(), t.seconds(), chars)));
        LmMetricsRow.TABLE.write(run.spark(), rows, run.path(Tables.METRICS));
    }

    @Override
    protected void writeRun(TrainingRun run, LanguageModelData data, Trained trained, Scored scores) {
        LossSummary validation = scores.validation();
        Optional<LossSummary> test = scores.test().map(Tested::loss);
        boolean chars = task.tokenizer().isChar();
        Double testBits = chars ? test.map(LossSummary::bits).orElse(null) : null;
        LmRunsRow row = new LmRunsRow(run.runId(), Task.LM.configName(), run.started(), Instant.now(),
                run.configJson(), data.corpus().documents(), data.tokens(), data.vocabulary().size(),
                data.quarantined(), data.trainWindows(), data.untrainedTokens(), data.validationWindows(),
                trained.epochs().size(),
                trained.lastEpoch().train().meanLoss(), validation.loss(), validation.perplexity(),
                chars ? validation.bits() : null, data.baseline().loss(),
                test.map(LossSummary::tokens).orElse(null), test.map(LossSummary::loss).orElse(null),
                test.map(LossSummary::perplexity).orElse(null), testBits,
                data.test().map(t -> t.baseline().loss()).orElse(null), trained.throughput(),
                DriverMemory.peakHeapMb());
        LmRunsRow.TABLE.write(run.spark(), List.of(row), run.path(Tables.RUNS));
    }

    @Override
    protected LanguageModelResult summarize(TrainingRun run, LanguageModelData data, Trained trained,
                                            Scored scores) {
        LossSummary validation = scores.validation();
        LossSummary baseline = data.baseline();
        printScore("validation", validation, baseline);
        scores.test().ifPresent(t -> printScore("test", t.loss(), data.test().orElseThrow().baseline()));
        double overhead = trained.trainer().overheadShare();
        out.printf("training: %,.0f tokens/s%s; %s%n", trained.throughput(),
                Double.isNaN(overhead) ? "" : String.format(", %.1f%% of the last epoch outside the workers' fit "
                        + "(broadcast, aggregate, scheduling)", 100 * overhead), DriverMemory.summary());
        long quarantined = data.quarantined();
        if (quarantined > 0) {
            out.printf("%,d input records were quarantined: see %s%n", quarantined,
                    run.directory().finalPath(Tables.QUARANTINE));
        }
        Sampling s = task.sample();
        String sample = s.generate(scores.bundle());
        out.printf("sample (prompt \"%s\", temperature %s, seed %d):%n%s%n", s.prompt(), s.temperature(), s.seed(),
                sample);
        return new LanguageModelResult(run.directory().target(), validation, baseline, trained.throughput(), sample);
    }

    private void printScore(String split, LossSummary s, LossSummary baseline) {
        out.printf("%s: loss %.4f nats/token, perplexity %.2f%s; unigram baseline %.4f (%s)%n", split, s.loss(),
                s.perplexity(), bitsSuffix(s), baseline.loss(), s.loss() < baseline.loss() ? "beaten" : "NOT beaten");
    }

    private String bitsSuffix(LossSummary s) {
        return task.tokenizer().isChar() ? String.format(", %.3f bits/char", s.bits()) : "";
    }
}

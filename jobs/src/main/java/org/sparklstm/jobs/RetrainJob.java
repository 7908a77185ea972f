package org.sparklstm.jobs;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.sparklstm.models.lm.ModelBundle;
import org.sparklstm.models.lm.NetworkFactory;
import org.sparklstm.models.lm.SequenceBlock;
import org.sparklstm.models.lm.WarmStart;
import org.sparklstm.models.text.TextEncoding;
import org.sparklstm.models.text.TokenizerSpec;
import org.sparklstm.models.text.Vocabulary;
import org.sparklstm.models.text.VocabularyGrowth;
import org.sparklstm.models.train.NetworkState;
import org.sparklstm.pipeline.evaluate.LanguageModelEvaluator;
import org.sparklstm.pipeline.ingest.InputException;
import org.sparklstm.pipeline.ingest.InputFiles;
import org.sparklstm.pipeline.ingest.TextLine;
import org.sparklstm.pipeline.io.RunDirectory;
import org.sparklstm.pipeline.io.Tables;
import org.sparklstm.pipeline.registry.ModelRegistry;
import org.sparklstm.pipeline.registry.RegistryEntry;
import org.sparklstm.pipeline.text.EncodingLearner;
import org.sparklstm.pipeline.text.VocabularyCounter;

/**
 * {@code retrain --registry PATH}: finds the registry's champion, warm-starts it on the input files modified
 * after the registry's data watermark, scores challenger and champion on the same validation windows of that
 * new data, and registers the challenger as the next version, promoted only if it is better by
 * {@code retrain.min-improvement}. No new files: nothing is written. An empty registry gets a first model
 * trained from scratch on all the input files.
 */
final class RetrainJob {

    /** What a retrain did; {@code entry} is empty when there was nothing to do. */
    record Outcome(Optional<RegistryEntry> entry, String message) {
    }

    private final JobConfig config;
    private final String registryPath;
    private final PrintStream out;

    RetrainJob(JobConfig config, String registryPath, PrintStream out) {
        this.config = config;
        this.registryPath = registryPath;
        this.out = out;
    }

    Outcome run() throws IOException {
        if (!config.task().equals("lm")) {
            throw ConfigException.of("task", config.task(), "lm: retrain warm-starts language models only");
        }
        Configuration hadoop = HadoopConf.forJobs();
        ModelRegistry registry = ModelRegistry.at(registryPath, hadoop);
        List<FileStatus> files = InputFiles.resolve("input.path", config.inputPath(), hadoop);
        SparkSession spark = Sessions.create(config.spark());
        try {
            return retrain(spark, registry, files);
        } finally {
            spark.stop();
        }
    }

    private Outcome retrain(SparkSession spark, ModelRegistry registry, List<FileStatus> files) throws IOException {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Configuration hadoop = sc.hadoopConfiguration();
        List<RegistryEntry> entries = registry.read(spark);
        Optional<RegistryEntry> champion = ModelRegistry.champion(entries);
        Optional<Instant> watermark = ModelRegistry.watermark(entries);
        // strictly newer than every file a decision has consumed, rejected challengers' included
        List<FileStatus> fresh = files.stream()
                .filter(f -> watermark.isEmpty() || f.getModificationTime() > watermark.get().toEpochMilli())
                .toList();
        String championText = champion.map(c -> "champion " + c.modelVersion() + " (" + c.reason() + ")")
                .orElse("no champion");
        // the config is checked against the champion even when there is nothing to do, so it fails early
        ModelBundle parent = champion.isPresent() ? loadChampion(champion.get(), hadoop) : null;
        if (fresh.isEmpty()) {
            String message = "no new data since " + watermark.orElseThrow() + ": nothing to do; " + championText;
            out.println(message);
            return new Outcome(Optional.empty(), message);
        }
        Instant newWatermark = Instant.ofEpochMilli(fresh.stream().mapToLong(FileStatus::getModificationTime).max()
                .orElseThrow());
        String version = ModelRegistry.nextVersion(entries);
        out.printf("retrain %s: %d of %d input files are new (modified after %s); %s%n", version, fresh.size(),
                files.size(), watermark.map(Instant::toString).orElse("nothing registered yet"), championText);
        if (parent != null) {
            out.printf("warm start from %s: %s tokenizer, vocabulary %,d%s%n", champion.get().modelVersion(),
                    parent.tokenizer().type(), parent.vocabulary().size(),
                    config.retrain().growVocabulary() ? ", grown by the new data" : " (new tokens -> <unk>)");
        }
        Function<JavaRDD<TextLine>, TextEncoding> encodingOf = parent == null
                ? lines -> EncodingLearner.learn(lines, config.tokenizer())
                : lines -> warmEncoding(parent.encoding(), lines);
        LanguageModelData data = LanguageModelData.prepare(sc, fresh, config.inputPath(), encodingOf, config.window(),
                config.train().workers());
        if (data.trainWindows() == 0 || data.validationWindows() == 0) {
            String message = "too little new data: " + fresh.size() + " new files give " + data.trainWindows()
                    + " training and " + data.validationWindows() + " validation windows of sequence.length "
                    + config.window().length() + "; nothing to do until more arrives";
            out.println(message);
            return new Outcome(Optional.empty(), message);
        }
        MultiLayerNetwork initial = parent == null
                ? null
                : warmStart(parent, champion.get().modelVersion(), data.vocabulary().size());

        Instant started = Instant.now();
        String runId = RunIds.of(started);
        // a version directory left by a crashed retrain (no registry row names it) is replaced
        RunDirectory run = RunDirectory.begin(registry.versionDirectory(version), hadoop);
        Map<String, Double> metrics = new LinkedHashMap<>();
        Promotion decision;
        try {
            TrainJob.Outcome trained = new TrainJob(config, false, out).fit(spark, sc, data,
                    initial == null ? NetworkFactory::create : spec -> initial, run, runId, started);
            metrics.put("new_files", (double) fresh.size());
            metrics.put("train_tokens", (double) data.tokens());
            metrics.put("validation_tokens", (double) trained.validation().tokens());
            metrics.put("vocabulary_size", (double) data.vocabulary().size());
            metrics.put("baseline_validation_loss", trained.baseline().loss());
            metrics.put("min_improvement", config.retrain().minImprovement());
            if (parent == null) {
                metrics.put("challenger_validation_loss", trained.validation().loss());
                decision = new Promotion(true, entries.isEmpty() ? "first model"
                        : "first model (the registry has no promoted version)");
            } else {
                decision = compare(parent, champion.get().modelVersion(), data, trained, run, hadoop, metrics);
            }
            run.commit();
        } catch (RuntimeException | IOException e) {
            run.fail(e);
            throw e;
        }
        RegistryEntry entry = new RegistryEntry(version, parent == null ? null : champion.get().modelVersion(),
                config.task(), Instant.now(), newWatermark, metrics, decision.promoted(), decision.reason(),
                run.finalPath(Tables.MODEL), runId);
        registry.append(spark, entries, entry);
        String message = version + (decision.promoted() ? " promoted" : " not promoted") + ": " + decision.reason();
        out.println(message);
        out.println("registry: " + registry.table() + " (bin/spark-lstm show " + registry.table() + ")");
        return new Outcome(Optional.of(entry), message);
    }

    /**
     * Challenger and champion on the same validation windows of the new data. With a grown vocabulary the
     * champion reads the new tokens as {@code <unk>}, and both are scored in the champion's vocabulary: the
     * challenger's {@code <unk>} probability is that of its {@code <unk>} and new tokens together.
     */
    private Promotion compare(ModelBundle champion, String championVersion, LanguageModelData data,
                              TrainJob.Outcome trained, RunDirectory run, Configuration hadoop,
                              Map<String, Double> metrics) throws IOException {
        int common = champion.vocabulary().size();
        int size = data.vocabulary().size();
        int batch = config.train().evalBatchSize();
        JavaRDD<SequenceBlock> validation = data.validation();
        double challengerLoss = trained.validation().loss();
        if (size > common) {
            MultiLayerNetwork challenger = ModelBundle.load(new Path(run.path(Tables.MODEL)), hadoop).network();
            challengerLoss = LanguageModelEvaluator.evaluate(validation,
                    challenger.getLayerWiseConfigurations().toJson(), NetworkState.capture(challenger), batch, size,
                    common).loss();
            metrics.put("challenger_validation_loss_own_vocabulary", trained.validation().loss());
            metrics.put("grown_tokens", (double) (size - common));
            validation = validation.map(b -> b.withUnknownFrom(common));
        }
        MultiLayerNetwork net = champion.network();
        double championLoss = LanguageModelEvaluator.evaluate(validation, net.getLayerWiseConfigurations().toJson(),
                NetworkState.capture(net), batch, common).loss();
        metrics.put("challenger_validation_loss", challengerLoss);
        metrics.put("champion_validation_loss", championLoss);
        return Promotion.decide(challengerLoss, championLoss, championVersion, config.retrain().minImprovement());
    }

    private ModelBundle loadChampion(RegistryEntry champion, Configuration hadoop) {
        if (!champion.task().equals(config.task())) {
            throw ConfigException.of("task", config.task(), champion.task() + ", the task of champion "
                    + champion.modelVersion());
        }
        ModelBundle bundle;
        try {
            bundle = ModelBundle.load(new Path(champion.modelPath()), hadoop);
        } catch (IOException e) {
            throw new InputException("--registry: champion " + champion.modelVersion() + "'s model at '"
                    + champion.modelPath() + "' cannot be read: " + e.getMessage(), e);
        }
        TokenizerSpec mine = config.tokenizer();
        TokenizerSpec theirs = bundle.tokenizer();
        for (String[] key : new String[][]{{"tokenizer.type", mine.type(), theirs.type()},
                {"tokenizer.pattern", mine.pattern(), theirs.pattern()},
                {"tokenizer.lowercase", "" + mine.lowercase(), "" + theirs.lowercase()}}) {
            if (!key[1].equals(key[2])) {
                throw ConfigException.of(key[0], key[1], key[2] + ", as for champion " + champion.modelVersion()
                        + " (a warm start keeps the champion's tokenizer; start a new registry to change it)");
            }
        }
        if (config.retrain().growVocabulary() && theirs.isBpe()) {
            throw ConfigException.of("retrain.grow-vocabulary", true, "false for a bpe model (its vocabulary is "
                    + "learned merges; new words are already split into known subwords)");
        }
        // an architecture that cannot take the champion's parameters fails here, before any Spark work
        warmStart(bundle, champion.modelVersion(), bundle.vocabulary().size());
        return bundle;
    }

    /** The champion's encoding, its vocabulary grown by the new data's tokens when the config asks for it. */
    private TextEncoding warmEncoding(TextEncoding champion, JavaRDD<TextLine> lines) {
        if (!config.retrain().growVocabulary()) {
            return champion;
        }
        TokenizerSpec s = champion.spec();
        int minCount = config.tokenizer().minCount();
        TokenizerSpec counting = new TokenizerSpec(s.type(), s.pattern(), s.lowercase(), s.maxVocabulary(), minCount,
                s.bpeVocabulary());
        Vocabulary grown = VocabularyGrowth.grow(champion.vocabulary(), VocabularyCounter.counts(lines, counting),
                config.tokenizer().maxVocabulary(), minCount);
        out.printf("vocabulary grown by %,d new tokens to %,d%n", grown.size() - champion.vocabulary().size(),
                grown.size());
        return TextEncoding.of(s, grown);
    }

    private MultiLayerNetwork warmStart(ModelBundle champion, String version, int vocabularySize) {
        try {
            return WarmStart.from(champion.network(), config.model().withVocabularySize(vocabularySize));
        } catch (IllegalArgumentException e) {
            var m = config.model();
            throw ConfigException.of("model.*", "embedding " + m.embedding() + ", layers " + m.layers() + ", hidden "
                    + m.hidden() + ", cell " + m.cell().configName(), "the architecture of champion " + version
                    + " (a warm start continues from its parameters): " + e.getMessage());
        }
    }
}

package org.sparklstm.jobs.cli;

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
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.sparklstm.jobs.config.ConfigException;
import org.sparklstm.jobs.config.JobConfig;
import org.sparklstm.models.text.TextEncoding;
import org.sparklstm.pipeline.flow.Task;
import org.sparklstm.pipeline.flow.TrainingInputs;
import org.sparklstm.pipeline.flow.TrainingRun;
import org.sparklstm.pipeline.ingest.TextLine;
import org.sparklstm.pipeline.io.HadoopConf;
import org.sparklstm.pipeline.io.RunIds;
import org.sparklstm.pipeline.io.Tables;
import org.sparklstm.pipeline.lm.LanguageModelData;
import org.sparklstm.pipeline.lm.LanguageModelResult;
import org.sparklstm.pipeline.lm.LmSources;
import org.sparklstm.pipeline.registry.LockHolder;
import org.sparklstm.pipeline.registry.LockPolicy;
import org.sparklstm.pipeline.registry.ModelRegistry;
import org.sparklstm.pipeline.registry.RegistryLock;
import org.sparklstm.pipeline.registry.RegistryEntry;
import org.sparklstm.pipeline.sequences.WindowStore;
import org.sparklstm.pipeline.text.EncodingLearner;

/**
 * {@code retrain --registry PATH}: finds the registry's champion, warm-starts it on the input files modified
 * after the registry's data watermark, scores challenger and champion on the same validation windows of that
 * new data (or of {@code input.validation-path}, read whole every time), and registers the challenger as the
 * next version, promoted only if it is better by {@code retrain.min-improvement}. No new files: nothing is
 * written. An empty registry gets a first model trained from scratch on all the input files. The whole
 * decision, from reading the registry to recording the version, holds the registry's lock, so two retrains
 * never decide the same version.
 */
final class RetrainCommand {

    /** What a retrain did; {@code entry} is empty when there was nothing to do. */
    record Outcome(Optional<RegistryEntry> entry, String message) {
    }

    /** The challenger's run: the decision and the metrics behind it, its model and run id. */
    private record Decided(Promotion decision, Map<String, Double> metrics, String modelPath, String runId) {
    }

    private final JobConfig config;
    private final String registryPath;
    private final boolean breakLock;
    private final PrintStream out;

    RetrainCommand(JobConfig config, String registryPath, PrintStream out) {
        this(config, registryPath, false, out);
    }

    /** @param breakLock break the registry's lock if it is stale ({@code --break-lock}) */
    RetrainCommand(JobConfig config, String registryPath, boolean breakLock, PrintStream out) {
        this.config = config;
        this.registryPath = registryPath;
        this.breakLock = breakLock;
        this.out = out;
    }

    Outcome run() throws IOException {
        if (config.task() != Task.LM) {
            throw ConfigException.of("task", config.task().configName(), "lm: retrain warm-starts language models only");
        }
        Configuration hadoop = HadoopConf.forJobs();
        ModelRegistry registry = ModelRegistry.at(registryPath, hadoop);
        Instant started = Instant.now();
        LockPolicy policy = new LockPolicy(config.retrain().lockWait(), config.retrain().lockStaleAfter(), breakLock);
        // taken before Spark starts, so a retrain that waits or is refused holds no cluster resources; the files
        // are listed once it is held, so a retrain that waited sees what arrived meanwhile
        try (RegistryLock lock = registry.lock(LockHolder.current(RunIds.of(started), started), policy, out)) {
            TrainingInputs inputs = LmSources.resolve(config.inputPath(), config.lm().heldOut(), hadoop);
            SparkSession spark = Sessions.create(config.spark());
            try {
                return retrain(spark, registry, inputs, lock.holder());
            } finally {
                spark.stop();
            }
        }
    }

    /** @param self this run, as its lock names it: its run id and start */
    private Outcome retrain(SparkSession spark, ModelRegistry registry, TrainingInputs inputs, LockHolder self)
            throws IOException {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Configuration hadoop = sc.hadoopConfiguration();
        List<RegistryEntry> entries = registry.read(spark);
        Optional<RegistryEntry> champion = ModelRegistry.champion(entries);
        Optional<Instant> watermark = ModelRegistry.watermark(entries);
        List<FileStatus> files = inputs.files();
        // strictly newer than every file a decision has consumed, rejected challengers' included; held-out text is
        // read whole every time
        List<FileStatus> fresh = files.stream()
                .filter(f -> watermark.isEmpty() || f.getModificationTime() > watermark.get().toEpochMilli())
                .toList();
        String championText = champion.map(c -> "champion " + c.modelVersion() + " (" + c.reason() + ")")
                .orElse("no champion");
        // the config is checked against the champion even when there is nothing to do, so it fails early
        Champion parent = champion.isPresent() ? Champion.load(champion.get(), config, hadoop) : null;
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
            out.printf("warm start from %s: %s tokenizer, vocabulary %,d%s%n", parent.version(),
                    parent.bundle().tokenizer().type(), parent.bundle().vocabulary().size(),
                    config.retrain().growVocabulary() ? ", grown by the new data" : " (new tokens -> <unk>)");
        }
        Function<JavaRDD<TextLine>, TextEncoding> encodingOf = parent == null
                ? lines -> EncodingLearner.learn(lines, config.lm().tokenizer())
                : lines -> parent.encoding(lines, out);
        LmSources sources = LmSources.of(config.inputPath(), config.lm().heldOut(),
                new TrainingInputs(fresh, inputs.validationFiles(), inputs.testFiles()), config.lm().reading());
        WindowStore store = config.lm().store() == WindowStore.Kind.DISK
                ? WindowStore.disk(registry.scratch(version)) : WindowStore.MEMORY;
        try {
            return retrainOn(spark, registry, entries, version, newWatermark, fresh, parent, encodingOf, sources,
                    store, self);
        } finally {
            registry.removeScratch(version);
        }
    }

    /** Trains the challenger on the new files and records the decision in the registry. */
    private Outcome retrainOn(SparkSession spark, ModelRegistry registry, List<RegistryEntry> entries, String version,
                              Instant newWatermark, List<FileStatus> fresh, Champion parent,
                              Function<JavaRDD<TextLine>, TextEncoding> encodingOf, LmSources sources,
                              WindowStore store, LockHolder self) throws IOException {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Configuration hadoop = sc.hadoopConfiguration();
        LanguageModelData data = LanguageModelData.prepare(sc, sources, encodingOf, config.lm().window(),
                config.train().workers(), config.train().stateful(), store);
        if (data.trainWindows() == 0 || data.validationWindows() == 0) {
            String message = "too little new data: " + fresh.size() + " new files give " + data.trainWindows()
                    + " training and " + data.validationWindows() + " validation windows of sequence.length "
                    + config.lm().window().length() + "; nothing to do until more arrives";
            out.println(message);
            return new Outcome(Optional.empty(), message);
        }
        MultiLayerNetwork initial = parent == null ? null : parent.warmStart(data.vocabulary().size());

        // a version directory left by a crashed retrain (no registry row names it) is replaced
        Decided decided = NewRun.within(spark, registry.versionDirectory(version), self.runId(), self.started(),
                (session, run, runId, started) -> {
            LanguageModelResult trained = TrainingFlows.languageModel(config, out, initial)
                    .trainOn(new TrainingRun(session, run, runId, started, config.resolvedJson()), data);
            Map<String, Double> metrics = new LinkedHashMap<>();
            metrics.put("new_files", (double) fresh.size());
            metrics.put("train_tokens", (double) data.tokens());
            metrics.put("validation_tokens", (double) trained.validation().tokens());
            metrics.put("vocabulary_size", (double) data.vocabulary().size());
            metrics.put("baseline_validation_loss", trained.baseline().loss());
            metrics.put("min_improvement", config.retrain().minImprovement());
            Promotion decision;
            if (parent == null) {
                metrics.put("challenger_validation_loss", trained.validation().loss());
                decision = new Promotion(true, entries.isEmpty() ? "first model"
                        : "first model (the registry has no promoted version)");
            } else {
                decision = parent.challenge(data, trained, run, hadoop, metrics);
            }
            return new Decided(decision, metrics, run.finalPath(Tables.MODEL), runId);
        });
        Promotion decision = decided.decision();
        RegistryEntry entry = new RegistryEntry(version, parent == null ? null : parent.version(),
                config.task().configName(), Instant.now(), newWatermark, decided.metrics(), decision.promoted(),
                decision.reason(), decided.modelPath(), decided.runId());
        registry.append(spark, entries, entry);
        String message = version + (decision.promoted() ? " promoted" : " not promoted") + ": " + decision.reason();
        out.println(message);
        out.println("registry: " + registry.table() + " (bin/spark-lstm show " + registry.table() + ")");
        return new Outcome(Optional.of(entry), message);
    }
}

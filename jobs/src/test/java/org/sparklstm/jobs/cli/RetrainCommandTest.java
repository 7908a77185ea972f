package org.sparklstm.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.sparklstm.jobs.Main;
import org.sparklstm.jobs.config.ConfigException;
import org.sparklstm.jobs.config.ConfigLoader;
import org.sparklstm.models.lm.ModelBundle;
import org.sparklstm.models.text.TextEncoding;
import org.sparklstm.pipeline.ingest.InputException;
import org.sparklstm.pipeline.registry.LockHolder;
import org.sparklstm.pipeline.registry.ModelRegistry;
import org.sparklstm.pipeline.registry.RegistryLockedException;
import org.sparklstm.pipeline.registry.RegistryEntry;

/**
 * {@code retrain} on local[2] over slices of a real novel arriving as files in an input folder: a first
 * model, a warm-started challenger that is kept out, a run with nothing new, and a challenger judged on its
 * losses; then registries and configs it must refuse, and a lock a crashed retrain left behind.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RetrainCommandTest {

    static final Instant DAY1 = Instant.parse("2024-01-01T00:00:00Z");
    static final Instant DAY2 = Instant.parse("2024-01-02T00:00:00Z");
    static final Instant DAY3 = Instant.parse("2024-01-03T00:00:00Z");

    @TempDir
    static Path tmp;
    static Path input;
    static String registry;
    static List<String> novel;

    @BeforeAll
    static void firstFile() throws IOException {
        novel = Files.readAllLines(Path.of("../data-samples/austen-persuasion.txt"));
        input = Files.createDirectories(tmp.resolve("incoming"));
        registry = tmp.resolve("registry").toString();
        arrive("part-1.txt", 0, 1500, DAY1);
    }

    /** Lines [from, to) of the novel as a new file, modified at {@code when}. */
    static void arrive(String name, int from, int to, Instant when) throws IOException {
        arrive(input, name, from, to, when);
    }

    static void arrive(Path folder, String name, int from, int to, Instant when) throws IOException {
        Path file = Files.createDirectories(folder).resolve(name);
        Files.writeString(file, String.join("\n", novel.subList(from, to)) + "\n");
        Files.setLastModifiedTime(file, FileTime.from(when));
    }

    static List<String> sets(String... more) {
        List<String> sets = new ArrayList<>(List.of("input.path=" + input, "spark.master=local[2]",
                "sequence.length=50", "sequence.stride=50", "model.embedding=8", "model.layers=1", "model.hidden=32",
                "train.epochs=1", "train.workers=2", "train.batch-size=32",
                "train.learning-rate=0.01", "generate.length=20"));
        sets.addAll(List.of(more));
        return sets;
    }

    record Run(RetrainCommand.Outcome outcome, String console) {
    }

    static Run retrain(String... more) throws IOException {
        return retrainInto(registry, more);
    }

    static Run retrainInto(String registryPath, String... more) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        RetrainCommand.Outcome outcome = new RetrainCommand(ConfigLoader.load(null, sets(more)), registryPath,
                new PrintStream(bytes, true, StandardCharsets.UTF_8)).run();
        return new Run(outcome, bytes.toString(StandardCharsets.UTF_8));
    }

    static List<RegistryEntry> registryRows() throws IOException {
        return registryRows(registry);
    }

    static List<RegistryEntry> registryRows(String registry) throws IOException {
        SparkSession spark = SparkSession.builder().master("local[1]").config("spark.ui.enabled", "false")
                .getOrCreate();
        try {
            return ModelRegistry.at(registry, new Configuration()).read(spark);
        } finally {
            spark.stop();
        }
    }

    static List<String> versionDirectories() throws IOException {
        try (Stream<Path> dirs = Files.list(Path.of(registry, ModelRegistry.MODELS))) {
            return dirs.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    @Order(1)
    void anEmptyRegistryGetsAFirstModelTrainedOnAllFiles() throws IOException {
        Run run = retrain();
        RegistryEntry v1 = run.outcome().entry().orElseThrow();
        assertEquals("v1", v1.modelVersion());
        assertNull(v1.parentVersion());
        assertTrue(v1.promoted());
        assertEquals("first model", v1.reason());
        assertEquals(DAY1, v1.dataWatermark());
        assertEquals(1.0, v1.metrics().get("new_files"));
        assertTrue(v1.metrics().get("challenger_validation_loss") < v1.metrics().get("baseline_validation_loss"),
                v1.metrics().toString());
        assertEquals(List.of(v1), registryRows());
        assertTrue(ModelBundle.load(new org.apache.hadoop.fs.Path(v1.modelPath()), new Configuration()).vocabulary()
                .size() > 40);
        assertTrue(run.console().contains("v1 promoted: first model"), run.console());
    }

    @Test
    @Order(2)
    void aNewFileWarmStartsTheChampionAndTheDecisionIsRecorded() throws IOException {
        arrive("part-2.txt", 1500, 2500, DAY2);
        // a learning rate too small to move the parameters: the challenger is v1 itself, scored on the same windows
        Run run = retrain("train.learning-rate=1e-9");
        RegistryEntry v2 = run.outcome().entry().orElseThrow();
        assertEquals("v2", v2.modelVersion());
        assertEquals("v1", v2.parentVersion());
        assertEquals(DAY2, v2.dataWatermark());
        assertEquals(1.0, v2.metrics().get("new_files"), "trained on the new file only");
        double challenger = v2.metrics().get("challenger_validation_loss");
        double champion = v2.metrics().get("champion_validation_loss");
        // a fresh network would score about ln(vocabulary) (over 4 nats), v1 far less
        assertTrue(champion < 3.5, "champion " + champion);
        assertEquals(champion, challenger, champion * 1e-5, "warm-started from v1's parameters");
        assertFalse(v2.promoted());
        assertTrue(v2.reason().startsWith(String.format("validation loss %.4f vs champion v1 %.4f: ", challenger,
                champion)), v2.reason());
        assertTrue(v2.reason().endsWith("not better by 1%: kept v1"), v2.reason());
        assertTrue(run.console().contains("warm start from v1"), run.console());
        List<RegistryEntry> rows = registryRows();
        assertEquals(List.of("v1", "v2"), rows.stream().map(RegistryEntry::modelVersion).toList());
        assertTrue(rows.get(0).promoted(), "v1 stays champion");
        ModelBundle saved = ModelBundle.load(new org.apache.hadoop.fs.Path(v2.modelPath()), new Configuration());
        assertEquals(ModelBundle.load(new org.apache.hadoop.fs.Path(rows.get(0).modelPath()), new Configuration())
                .vocabulary().tokens(), saved.vocabulary().tokens(), "the champion's vocabulary, not grown");
    }

    @Test
    @Order(3)
    void runningAgainWithoutNewFilesDoesNothing() throws Exception {
        List<RegistryEntry> before = registryRows();
        Run run = retrain();
        assertTrue(run.outcome().entry().isEmpty());
        assertTrue(run.console().startsWith("no new data since " + DAY2 + ": nothing to do; champion v1"),
                run.console());
        assertEquals(before, registryRows());
        assertEquals(List.of("v1", "v2"), versionDirectories());
        ByteArrayOutputStream shown = new ByteArrayOutputStream();
        ShowCommand.run(registry + "/registry", 10, new PrintStream(shown, true, StandardCharsets.UTF_8));
        String[] lines = shown.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals("model_version,parent_version,task,created,data_watermark,metrics,promoted,reason,model_path,"
                + "run_id", lines[0]);
        assertEquals(3, lines.length);
        assertTrue(lines[2].startsWith("v2,v1,lm,"), lines[2]);
        try (Stream<Path> hidden = Files.list(Path.of(registry))) {
            assertEquals(List.of(ModelRegistry.MODELS, ModelRegistry.TABLE),
                    hidden.map(p -> p.getFileName().toString()).sorted().toList(), "no staging leftovers");
        }
    }

    @Test
    @Order(4)
    void theNextChallengerStartsFromTheChampionAndIsPromotedOnlyIfBetter() throws IOException {
        arrive("part-3.txt", 2500, 4000, DAY3);
        Run run = retrain("retrain.min-improvement=0.02");
        RegistryEntry v3 = run.outcome().entry().orElseThrow();
        assertEquals("v3", v3.modelVersion());
        assertEquals("v1", v3.parentVersion(), "v2 was not promoted: v1 is still the champion");
        double challenger = v3.metrics().get("challenger_validation_loss");
        double champion = v3.metrics().get("champion_validation_loss");
        assertEquals(challenger < champion * 0.98, v3.promoted(), v3.reason());
        assertTrue(v3.reason().contains(v3.promoted() ? ">= 2% required" : "not better by 2%: kept v1"), v3.reason());
        List<RegistryEntry> rows = registryRows();
        assertEquals(3, rows.size());
        assertEquals(v3, rows.get(2));
        assertEquals(v3.promoted() ? "v3" : "v1", ModelRegistry.champion(rows).orElseThrow().modelVersion());
        assertEquals(List.of("v1", "v2", "v3"), versionDirectories());
    }

    @Test
    @Order(5)
    void aRegistryThatIsNotATableIsRefusedNamingThePath() throws Exception {
        Path broken = Files.createDirectories(tmp.resolve("broken"));
        Files.writeString(broken.resolve("registry"), "not a table");
        InputException e = assertThrows(InputException.class,
                () -> new RetrainCommand(ConfigLoader.load(null, sets()), broken.toString(), System.out).run());
        assertTrue(e.getMessage().contains(broken.resolve("registry") + "' is a file"), e.getMessage());
        assertEquals(2, Main.run(new String[]{"retrain", "--registry", broken.toString(), "--set",
                "input.path=" + input}));

        Path wrong = Files.createDirectories(tmp.resolve("wrong"));
        SparkSession spark = SparkSession.builder().master("local[1]").config("spark.ui.enabled", "false")
                .getOrCreate();
        try {
            spark.range(3).toDF("model_version").write().parquet(wrong.resolve("registry").toString());
        } finally {
            spark.stop();
        }
        e = assertThrows(InputException.class,
                () -> new RetrainCommand(ConfigLoader.load(null, sets()), wrong.toString(), System.out).run());
        assertTrue(e.getMessage().contains(wrong.resolve("registry") + "' is not a registry table: column "
                + "model_version is bigint, expected string"), e.getMessage());
    }

    @Test
    @Order(6)
    void otherTasksAndBadSettingsAreRefused() {
        ConfigException task = assertThrows(ConfigException.class,
                () -> new RetrainCommand(ConfigLoader.load(null, sets("task=classify")), registry, System.out).run());
        assertTrue(task.getMessage().startsWith("task: 'classify' is not valid; expected lm"), task.getMessage());
        ConfigException improvement = assertThrows(ConfigException.class,
                () -> ConfigLoader.load(null, sets("retrain.min-improvement=1.5")));
        assertTrue(improvement.getMessage().startsWith("retrain.min-improvement: '1.5' is not valid"),
                improvement.getMessage());
        assertEquals(java.time.Duration.ZERO, ConfigLoader.load(null, sets()).retrain().lockWait(), "fail at once");
        assertEquals(java.time.Duration.ofHours(24), ConfigLoader.load(null, sets()).retrain().lockStaleAfter());
        assertEquals(java.time.Duration.ofMinutes(30), ConfigLoader.load(null, sets("retrain.lock-wait=30m")).retrain()
                .lockWait());
        ConfigException wait = assertThrows(ConfigException.class,
                () -> ConfigLoader.load(null, sets("retrain.lock-wait=soon")));
        assertTrue(wait.getMessage().startsWith("retrain.lock-wait: 'soon' is not valid; expected a duration"),
                wait.getMessage());
        ConfigException architecture = assertThrows(ConfigException.class, () -> new RetrainCommand(
                ConfigLoader.load(null, sets("model.hidden=16")), registry, System.out).run());
        // refused before training: the input folder holds no new file, but the champion is checked first
        assertTrue(architecture.getMessage().startsWith("model.*:"), architecture.getMessage());
        assertFalse(Files.exists(Path.of(registry, ModelRegistry.LOCK)), "a failed retrain releases the lock");
        ConfigException cli = assertThrows(ConfigException.class, () -> CommandLine.parse(new String[]{"retrain"}));
        assertTrue(cli.getMessage().startsWith("retrain needs --registry PATH"), cli.getMessage());
    }

    @Test
    @Order(7)
    void aGrownVocabularyKeepsTheChampionsIdsAndIsJudgedInTheChampionsVocabulary() throws IOException {
        Path words = tmp.resolve("words");
        String wordRegistry = tmp.resolve("word-registry").toString();
        String[] word = {"input.path=" + words, "tokenizer.type=word", "tokenizer.min-count=3",
                "retrain.grow-vocabulary=true", "sequence.length=20", "sequence.stride=20", "train.tbptt-length=0"};
        arrive(words, "part-1.txt", 0, 1000, DAY1);
        RegistryEntry v1 = retrainInto(wordRegistry, word).outcome().entry().orElseThrow();
        arrive(words, "part-2.txt", 1000, 2000, DAY2);
        Run run = retrainInto(wordRegistry, word);
        RegistryEntry v2 = run.outcome().entry().orElseThrow();
        assertEquals("v1", v2.parentVersion());

        List<String> old = bundle(v1).vocabulary().tokens();
        List<String> grown = bundle(v2).vocabulary().tokens();
        assertTrue(grown.size() > old.size(), grown.size() + " vs " + old.size());
        assertEquals(old, grown.subList(0, old.size()), "old tokens keep their ids");
        assertEquals((double) (grown.size() - old.size()), v2.metrics().get("grown_tokens"));
        assertTrue(run.console().contains("vocabulary grown by " + (grown.size() - old.size()) + " new tokens"),
                run.console());
        // scored in v1's vocabulary, the challenger's <unk> takes in the new tokens, so its loss there is lower
        // than in its own vocabulary, where it must name each new token
        double common = v2.metrics().get("challenger_validation_loss");
        double own = v2.metrics().get("challenger_validation_loss_own_vocabulary");
        assertTrue(common < own, common + " vs " + own);
        double champion = v2.metrics().get("champion_validation_loss");
        assertEquals(common < champion * 0.99, v2.promoted(), v2.reason());
    }

    @Test
    @Order(8)
    void heldOutValidationTextJudgesEveryChallengerOnTheSameWindows() throws IOException {
        Path incoming = tmp.resolve("held-out-incoming");
        Path validation = Files.createDirectories(tmp.resolve("held-out")).resolve("validation.txt");
        Files.write(validation, novel.subList(4000, 4300));
        String heldOutRegistry = tmp.resolve("held-out-registry").toString();
        String[] heldOut = {"input.path=" + incoming, "input.validation-path=" + validation};
        arrive(incoming, "part-1.txt", 0, 800, DAY1);
        RegistryEntry v1 = retrainInto(heldOutRegistry, heldOut).outcome().entry().orElseThrow();
        arrive(incoming, "part-2.txt", 800, 1600, DAY2);
        RegistryEntry v2 = retrainInto(heldOutRegistry, heldOut).outcome().entry().orElseThrow();
        assertEquals("v1", v2.parentVersion());
        assertEquals(1.0, v2.metrics().get("new_files"), "the held-out file is not new data");
        // the file whole, cut into windows of sequence.length + 1 = 51 tokens, with v1's vocabulary
        TextEncoding encoding = bundle(v1).encoding();
        long tokens = 1 + novel.subList(4000, 4300).stream().mapToLong(l -> encoding.encode(l).length).sum();
        double scored = (tokens - 1) / 50 * 50;
        assertEquals(scored, v1.metrics().get("validation_tokens"));
        assertEquals(scored, v2.metrics().get("validation_tokens"));
        assertTrue(v2.metrics().containsKey("champion_validation_loss"), v2.metrics().toString());
    }

    @Test
    @Order(9)
    void aLockLeftByACrashedRetrainIsBrokenOnlyWithBreakLock() throws Exception {
        Process crashed = new ProcessBuilder("true").start();
        crashed.waitFor();
        LockHolder left = new LockHolder("someone", LockHolder.current("x", Instant.now()).host(), crashed.pid(),
                "run-0", Instant.now().minusSeconds(600));
        Path lockFile = Path.of(registry, ModelRegistry.LOCK);
        Files.writeString(lockFile, left.toJson());

        RegistryLockedException e = assertThrows(RegistryLockedException.class, RetrainCommandTest::retrain);
        assertEquals(left, e.holder());
        assertTrue(e.getMessage().contains("which is stale: process " + crashed.pid() + " is no longer running"),
                e.getMessage());
        assertEquals(1, Main.run(new String[]{"retrain", "--registry", registry, "--set", "input.path=" + input}));
        assertEquals(left, LockHolder.fromJson(Files.readString(lockFile)), "never broken silently");

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        RetrainCommand.Outcome outcome = new RetrainCommand(ConfigLoader.load(null, sets()), registry, true,
                new PrintStream(bytes, true, StandardCharsets.UTF_8)).run();
        String console = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(console.startsWith("breaking the stale registry lock " + ModelRegistry.at(registry,
                new Configuration()).lockFile() + " of " + left.describe()), console);
        assertTrue(outcome.message().startsWith("no new data since " + DAY3), outcome.message());
        assertFalse(Files.exists(lockFile), "released after the run");
    }

    static ModelBundle bundle(RegistryEntry e) throws IOException {
        return ModelBundle.load(new org.apache.hadoop.fs.Path(e.modelPath()), new Configuration());
    }
}

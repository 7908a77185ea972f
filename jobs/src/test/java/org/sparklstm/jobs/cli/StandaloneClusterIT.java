package org.sparklstm.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.junit.jupiter.api.io.TempDir;
import org.sparklstm.models.forecast.ForecastBundle;
import org.sparklstm.models.lm.ModelBundle;
import org.sparklstm.models.train.NetworkState;

/**
 * spark-submit of the packaged jar to a real standalone cluster of a Master and two one-core
 * Workers (separate JVMs, executors launched by the Workers): a language model and a forecaster
 * train there to the very same parameters and metrics as on {@code local[2]} with the same seed and
 * two workers; {@code bin/spark-lstm train --set spark.master=spark://...}, the launcher without
 * spark-submit, ships the jar to the executors itself and trains the same model; and a run that loses
 * a Worker mid-training finishes on the other one, again with the same result. The Worker is killed
 * by the last test.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StandaloneClusterIT {

    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(5);

    @TempDir
    static Path tmp;
    static LocalSparkCluster cluster;
    static SparkSession reader;
    private static RunOutputs localLanguageModel;
    private static final List<JarSubmission> submissions = new ArrayList<>();

    /** A failed test shows what every JVM said. */
    @RegisterExtension
    static final TestWatcher LOGS_ON_FAILURE = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            submissions.forEach(s -> System.out.println(s.output()));
            if (cluster != null) {
                System.out.println(cluster.logs());
            }
        }
    };

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = LocalSparkCluster.start(tmp.resolve("cluster"), 2, "2g");
        reader = SparkSession.builder().master("local[1]").config("spark.ui.enabled", "false").getOrCreate();
    }

    @AfterAll
    static void stopCluster() {
        submissions.forEach(JarSubmission::kill);
        if (reader != null) {
            reader.stop();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void languageModelOnTheClusterEqualsLocal() throws Exception {
        JarSubmission clusterRun = start("lm-cluster", cluster.masterUrl(), List.of(), languageModel("lm-cluster"));
        JarSubmission localRun = localLanguageModel == null
                ? start("lm-local", "local[2]", List.of(), languageModel("lm-local")) : null;
        RunOutputs onCluster = finish(clusterRun, "lm-cluster");
        if (localRun != null) {
            localLanguageModel = finish(localRun, "lm-local");
        }

        String out = clusterRun.console();
        assertTrue(out.contains("Spark " + cluster.masterUrl() + " with 2 cores"), out);
        assertTrue(out.contains("(beaten)"), "validation loss below the unigram baseline:\n" + out);
        for (String table : List.of("metrics", "runs", "quarantine")) {
            assertTrue(onCluster.tableWritten(table), table);
        }
        ModelBundle bundle = onCluster.languageModel();
        assertEquals(77, bundle.vocabulary().size());
        for (int worker = 0; worker < 2; worker++) {
            assertTrue(LogFile.read(cluster.workerLog(worker)).contains("Asked to launch executor"),
                    "worker " + worker + " ran an executor");
        }
        assertSameLanguageModel(localLanguageModel(), onCluster);
    }

    @Test
    @Order(2)
    void forecasterOnTheClusterEqualsLocal() throws Exception {
        JarSubmission clusterRun = start("forecast-cluster", cluster.masterUrl(), List.of(),
                forecaster("forecast-cluster"));
        JarSubmission localRun = start("forecast-local", "local[2]", List.of(), forecaster("forecast-local"));
        RunOutputs onCluster = finish(clusterRun, "forecast-cluster");
        RunOutputs local = finish(localRun, "forecast-local");

        List<Row> test = reader.read().parquet(onCluster.dir().resolve("evaluation").toString())
                .where("split = 'test'").orderBy("method").collectAsList();
        assertEquals(List.of("model", "naive", "seasonal_naive"), test.stream().map(r -> r.<String>getAs("method")).toList());
        double model = test.get(0).getAs("mae");
        double seasonalNaive = test.get(2).getAs("mae");
        assertTrue(model > 0 && model < seasonalNaive, "model MAE " + model + ", seasonal naive " + seasonalNaive);
        assertEquals((long) test.get(0).getAs("n"), reader.read().parquet(onCluster.dir().resolve("forecasts").toString())
                .where("split = 'test'").count());
        ForecastBundle bundle = onCluster.forecastModel();
        assertEquals(60, bundle.spec().window());

        assertSameState(local.forecastModelState(), onCluster.forecastModelState());
        for (String table : List.of("metrics", "evaluation", "forecasts", "runs")) {
            assertEquals(local.rows(reader, table, orderOf(table)), onCluster.rows(reader, table, orderOf(table)), table);
        }
    }

    /**
     * A Worker and its executor die (SIGKILL) once training has started: the driver learns that the
     * executor is gone, Spark reruns the round's lost task and recomputes the lost cached blocks (and
     * shuffle outputs) from lineage on the remaining Worker, and a round's result reaches the driver's
     * parameters only when the whole round has finished, so the run ends as if nothing had happened.
     */
    /**
     * The launcher as a user runs it, with the cluster's master in its settings: the driver runs on the
     * launcher's classpath and ships target/spark-lstm.jar as spark.jars, from which the executors load
     * the job's classes (without it they fail to deserialize its lambdas). An eighth of the corpus (four
     * rounds), beside its local[2] twin.
     */
    @Test
    @Order(3)
    void theLauncherWithAClusterMasterShipsTheJarAndTrainsTheSameModel() throws Exception {
        String corpus = Files.readString(Path.of("../data-samples/austen-persuasion.txt"));
        Path slice = Files.writeString(tmp.resolve("persuasion-eighth.txt"),
                corpus.substring(0, corpus.indexOf('\n', corpus.length() / 8) + 1));
        // the Maven build running this test has just packaged the classes, the classpath file and the jar
        // from these sources: say so to the launcher, which would otherwise start a build of its own
        Files.setLastModifiedTime(Path.of("target", "classpath.txt"), FileTime.from(Instant.now()));
        List<String> args = new ArrayList<>(languageModel("lm-launcher", slice));
        args.addAll(List.of("--set", "spark.master=" + cluster.masterUrl(), "--set", "spark.app-name=lm-launcher"));
        JarSubmission run = JarSubmission.launcher(tmp.resolve("lm-launcher.out"), tmp.resolve("lm-launcher.log"),
                args);
        submissions.add(run);
        JarSubmission localRun = start("lm-launcher-local", "local[2]", List.of(),
                languageModel("lm-launcher-local", slice));
        RunOutputs onCluster = finish(run, "lm-launcher");
        RunOutputs local = finish(localRun, "lm-launcher-local");

        assertTrue(Files.exists(onCluster.dir().resolve("_SUCCESS")), run.output());
        assertTrue(run.console().contains("Spark " + cluster.masterUrl() + " with 2 cores"), run.output());
        for (int worker = 0; worker < 2; worker++) {
            String executorLog = executorLog(worker, "lm-launcher");
            assertTrue(executorLog.contains("/jars/spark-lstm.jar"), "fetched from the driver:\n" + executorLog);
            assertTrue(executorLog.contains("spark-lstm.jar to class loader"), executorLog);
        }
        assertSameLanguageModel(local, onCluster);
    }

    @Test
    @Order(4)
    void aRunThatLosesAWorkerFinishesOnTheOtherWithTheSameResult() throws Exception {
        List<String> conf = List.of(
                // one lost executor fails the tasks it was running once; four attempts is plenty
                "spark.task.maxFailures=4",
                // both Workers are on 127.0.0.1: excluding the failed task's host would exclude every executor
                "spark.excludeOnFailure.enabled=false");
        JarSubmission run = start("lm-worker-lost", cluster.masterUrl(), conf, languageModel("lm-worker-lost"));
        run.awaitConsole("epoch 1/1  round 1/", RUN_TIMEOUT);
        for (int worker = 0; worker < 2; worker++) {
            LogFile.await(cluster.workerLog(worker), "Asked to launch executor", Duration.ofSeconds(10));
        }
        cluster.killWorker(1);

        assertEquals(0, run.await(RUN_TIMEOUT), run.output());
        assertTrue(run.log().contains("Lost executor"), "the driver saw the executor go:\n" + run.output());
        assertTrue(run.console().contains("(beaten)"), run.output());
        RunOutputs survived = new RunOutputs(tmp.resolve("lm-worker-lost"));
        for (String table : List.of("metrics", "runs", "quarantine")) {
            assertTrue(survived.tableWritten(table), table);
        }
        assertSameLanguageModel(localLanguageModel(), survived);
    }

    /** What Spark logged in the executor that {@code worker} started for the application named {@code app}. */
    private static String executorLog(int worker, String app) {
        Matcher launch = Pattern.compile("Asked to launch executor (app-[0-9-]+)/([0-9]+) for " + Pattern.quote(app)
                + "\\b").matcher(LogFile.read(cluster.workerLog(worker)));
        assertTrue(launch.find(), "worker " + worker + " ran an executor of " + app);
        Path executor = cluster.workDir(worker).resolve(launch.group(1)).resolve(launch.group(2));
        return LogFile.read(executor.resolve("stderr"));
    }

    /** The quickstart with a smaller LSTM, one epoch of 14 rounds on two workers: tens of seconds of training. */
    private static List<String> languageModel(String run) {
        return languageModel(run, Path.of("../data-samples/austen-persuasion.txt"));
    }

    private static List<String> languageModel(String run, Path corpus) {
        return List.of("train", "--config", Path.of("../conf/quickstart.conf").toAbsolutePath().toString(),
                "--set", "input.path=" + corpus.toAbsolutePath(),
                "--set", "output.path=" + tmp.resolve(run), "--set", "model.hidden=64", "--set", "train.epochs=1",
                "--set", "train.workers=2");
    }

    /** Monthly sunspots, a small network, two epochs with validation. */
    private static List<String> forecaster(String run) {
        List<String> args = new ArrayList<>(List.of("train", "--config",
                Path.of("../conf/forecast-sunspots.conf").toAbsolutePath().toString()));
        for (String set : List.of("input.path=" + Path.of("../data-samples/sunspot.month.csv").toAbsolutePath(),
                "output.path=" + tmp.resolve(run), "model.hidden=16", "train.epochs=2", "train.workers=2",
                "train.learning-rate=0.005", "series.split.train=0.7", "series.split.validation=0.1")) {
            args.addAll(List.of("--set", set));
        }
        return args;
    }

    /** The uninterrupted language-model run on local[2], the reference of the cluster runs. */
    private static RunOutputs localLanguageModel() throws Exception {
        if (localLanguageModel == null) {
            localLanguageModel = finish(start("lm-local", "local[2]", List.of(), languageModel("lm-local")), "lm-local");
        }
        return localLanguageModel;
    }

    /** Starts a run; a cluster run and its local twin go side by side, so their idle moments overlap. */
    private static JarSubmission start(String name, String master, List<String> conf, List<String> args)
            throws Exception {
        JarSubmission run = JarSubmission.start(cluster.sparkHome(), tmp.resolve(name + ".out"),
                tmp.resolve(name + ".log"), master, conf, args);
        submissions.add(run);
        return run;
    }

    private static RunOutputs finish(JarSubmission run, String name) throws Exception {
        assertEquals(0, run.await(RUN_TIMEOUT), run.output());
        return new RunOutputs(tmp.resolve(name));
    }

    private void assertSameLanguageModel(RunOutputs expected, RunOutputs actual) throws Exception {
        assertSameState(expected.languageModelState(), actual.languageModelState());
        for (String table : List.of("metrics", "runs")) {
            assertEquals(expected.rows(reader, table, orderOf(table)), actual.rows(reader, table, orderOf(table)), table);
        }
    }

    /** Bit for bit: the same float parameters and Adam state after the same number of iterations. */
    private static void assertSameState(NetworkState expected, NetworkState actual) {
        assertEquals(expected.iterations(), actual.iterations(), "iterations");
        assertArrayEquals(expected.parameters(), actual.parameters(), "parameters");
        assertArrayEquals(expected.updaterState(), actual.updaterState(), "updater state");
    }

    private static String[] orderOf(String table) {
        return switch (table) {
            case "metrics" -> new String[] {"epoch", "split"};
            case "evaluation" -> new String[] {"series_id", "split", "target", "horizon_step", "method"};
            case "forecasts" -> new String[] {"series_id", "split", "target", "origin_time", "horizon_step"};
            default -> new String[] {"task"};
        };
    }
}

package org.sparklstm.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sparklstm.jobs.Main;
import org.sparklstm.jobs.config.ConfigLoader;
import org.sparklstm.jobs.config.JobConfig;
import org.sparklstm.models.forecast.ForecastBundle;
import org.sparklstm.models.lm.LanguageModelSpec;
import org.sparklstm.models.lm.ModelBundle;
import org.sparklstm.models.lm.NetworkFactory;
import org.sparklstm.models.text.Vocabulary;

/**
 * The command line against a real HDFS (NameNode and DataNode in this JVM): corpus and series read
 * from hdfs://, runs written there, and generate, forecast and show reading those runs back.
 */
class HdfsEndToEndTest {

    /** A directory name no other test uses, to tell whether anything landed on the local disk. */
    static final String BASE = "/spark-lstm-hdfs-e2e";
    static final int CORPUS_LINES = 1200;
    static final String QUICKSTART = "../conf/quickstart.conf";

    static MiniDFSCluster hdfs;
    static Configuration conf;
    static FileSystem fs;
    static String lmRun;
    static List<String> lmSets;
    static String trainConsole;

    @BeforeAll
    static void startHdfsAndTrain() throws Exception {
        Configuration c = new Configuration();
        c.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, Files.createTempDirectory("minidfs").toString());
        hdfs = new MiniDFSCluster.Builder(c).numDataNodes(1).build();
        hdfs.waitActive();
        conf = hdfs.getConfiguration(0);
        fs = FileSystem.get(hdfs.getURI(), conf);

        // the novel's opening and one line that is not UTF-8, which must reach the quarantine table
        List<String> novel = Files.readAllLines(java.nio.file.Path.of("../data-samples/austen-persuasion.txt"));
        try (OutputStream out = fs.create(new Path(BASE + "/corpus/persuasion.txt"))) {
            out.write((String.join("\n", novel.subList(0, CORPUS_LINES)) + "\n").getBytes(StandardCharsets.UTF_8));
            out.write(new byte[]{'b', 'a', 'd', (byte) 0xc3, '\n'});
        }
        fs.copyFromLocalFile(new Path(new java.io.File("../data-samples/sunspot.month.csv").getAbsolutePath()),
                new Path(BASE + "/series/sunspot.month.csv"));

        lmRun = uri("/runs/lm");
        lmSets = List.of("input.path=" + uri("/corpus/"), "output.path=" + lmRun, "spark.master=local[2]",
                "train.epochs=1", "sequence.length=50", "sequence.stride=50", "model.embedding=16",
                "model.hidden=32", "generate.length=30", "train.checkpoint-every=3");
        trainConsole = cli(0, withSets(List.of("train", "--config", QUICKSTART), lmSets));
    }

    @AfterAll
    static void stopHdfs() {
        hdfs.shutdown(true);
    }

    static String uri(String path) {
        return hdfs.getURI() + BASE + path;
    }

    /** Runs the command line, asserts its exit code and returns what it printed on standard output. */
    static String cli(int exitCode, String... args) {
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(errors, true, StandardCharsets.UTF_8));
            code = Main.run(args);
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
        }
        String printed = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(exitCode, code, "spark-lstm " + String.join(" ", args) + " printed:\n" + printed
                + errors.toString(StandardCharsets.UTF_8));
        return printed;
    }

    /** {@code show PATH}: the table's rows, each a map from column name to the printed value. */
    static List<Map<String, String>> show(String table) {
        List<List<String>> records = Csv.parse(cli(0, "show", table));
        List<String> header = records.get(0);
        List<Map<String, String>> rows = new ArrayList<>();
        for (List<String> record : records.subList(1, records.size())) {
            assertEquals(header.size(), record.size(), record.toString());
            Map<String, String> row = new HashMap<>();
            for (int i = 0; i < header.size(); i++) {
                row.put(header.get(i), record.get(i));
            }
            rows.add(row);
        }
        return rows;
    }

    /** Whether {@code path} under BASE exists on HDFS and, as it must not, on the local disk. */
    static void assertOnHdfsOnly(String path) throws IOException {
        assertTrue(fs.exists(new Path(BASE + path)), "on HDFS: " + path);
        assertFalse(new java.io.File(BASE + path).exists(), "on the local disk: " + BASE + path);
    }

    @Test
    void anUnfinishedRunOnHdfsResumesFromItsCheckpoint() throws Exception {
        // a copy of the run as its driver would have left it after the last checkpoint: no outputs yet
        Path copy = new Path(BASE + "/runs/lm-interrupted");
        org.apache.hadoop.fs.FileUtil.copy(fs, new Path(BASE + "/runs/lm"), fs, copy, false, conf);
        for (String written : List.of("_SUCCESS", "metrics", "runs", "quarantine", "model")) {
            fs.delete(new Path(copy, written), true);
        }
        String console = cli(0, "train", "--resume", uri("/runs/lm-interrupted"));
        assertTrue(console.contains("resuming from " + uri("/runs/lm-interrupted/checkpoints/epoch-0002-round-000000")),
                console);
        assertOnHdfsOnly("/runs/lm-interrupted/_SUCCESS");
        float[] expected = ModelBundle.load(new Path(lmRun + "/model"), conf).network().params().data().asFloat();
        float[] resumed = ModelBundle.load(new Path(uri("/runs/lm-interrupted/model")), conf).network().params()
                .data().asFloat();
        org.junit.jupiter.api.Assertions.assertArrayEquals(expected, resumed);
    }

    @Test
    void trainWritesTheRunToHdfsOnly() throws IOException {
        assertTrue(trainConsole.contains("outputs in " + lmRun + ":"), trainConsole);
        for (String table : List.of("metrics", "runs", "quarantine")) {
            assertOnHdfsOnly("/runs/lm/" + table + "/_SUCCESS");
            assertTrue(fs.globStatus(new Path(BASE + "/runs/lm/" + table + "/part-*.parquet")).length > 0, table);
        }
        for (String file : List.of(ModelBundle.NETWORK, ModelBundle.VOCABULARY, "config.json", "statistics.json")) {
            assertOnHdfsOnly("/runs/lm/model/" + file);
        }
        // the run's markers and its checkpoint, beside the outputs
        for (String file : List.of("_SUCCESS", "run.json", "checkpoints/epoch-0002-round-000000/manifest.json",
                "checkpoints/epoch-0002-round-000000/arrays.f32le")) {
            assertOnHdfsOnly("/runs/lm/" + file);
        }
        assertFalse(fs.exists(new Path(BASE + "/runs/lm/_staging")));
        // a path that lost its scheme would land relative to the working directory
        assertFalse(new java.io.File("hdfs:").exists());
        assertFalse(new java.io.File(BASE.substring(1)).exists());
    }

    @Test
    void showReadsTheTablesFromHdfs() {
        List<Map<String, String>> runs = show(lmRun + "/runs");
        assertEquals(1, runs.size());
        Map<String, String> run = runs.get(0);
        List<Map<String, String>> metrics = new ArrayList<>(show(lmRun + "/metrics"));
        metrics.sort(java.util.Comparator.comparing(m -> m.get("split")));
        assertEquals(List.of("train", "validation"), metrics.stream().map(m -> m.get("split")).toList());
        for (Map<String, String> m : metrics) {
            assertEquals(run.get("run_id"), m.get("run_id"));
            assertEquals("1", m.get("epoch"));
        }
        assertEquals(metrics.get(0).get("loss"), run.get("final_train_loss"));
        assertEquals(metrics.get(1).get("loss"), run.get("final_validation_loss"));
        assertEquals(metrics.get(1).get("tokens"), String.valueOf(
                Long.parseLong(run.get("validation_windows")) * 50), "every validation window is 50 tokens");
        assertEquals("lm", run.get("task"));
        assertEquals("1", run.get("quarantined_records"));
        assertTrue(run.get("config_json").contains(uri("/corpus/")), run.get("config_json"));

        List<Map<String, String>> quarantine = show(lmRun + "/quarantine");
        assertEquals(1, quarantine.size());
        assertEquals(uri("/corpus/persuasion.txt"), quarantine.get(0).get("file"));
        assertEquals("invalid UTF-8 at byte 3 of the line", quarantine.get(0).get("reason"));
        assertEquals(run.get("run_id"), quarantine.get(0).get("run_id"));
    }

    @Test
    void theModelLoadsBackFromHdfsAndGenerates() throws IOException {
        ModelBundle bundle = ModelBundle.load(new Path(lmRun + "/model"), conf);
        Map<String, String> run = show(lmRun + "/runs").get(0);
        Vocabulary v = bundle.vocabulary();
        assertEquals(Integer.parseInt(run.get("vocabulary_size")), v.size());
        for (String c : List.of("A", "n", "e", " ", "\n")) {
            assertTrue(v.id(c) > Vocabulary.EOS_ID, "'" + c + "' is in the vocabulary");
        }
        assertEquals(run.get("run_id"), bundle.statistics().get("run_id"));
        assertEquals(Double.parseDouble(run.get("final_validation_loss")),
                (Double) bundle.statistics().get("validation_loss"), 0);
        float[] params = bundle.network().params().data().asFloat();
        JobConfig quickstart = ConfigLoader.load(QUICKSTART, lmSets);
        LanguageModelSpec configured = quickstart.model().languageModel(v.size(), quickstart.train().tbpttLength());
        assertEquals(NetworkFactory.create(configured).numParams(), params.length, "embedding 16, LSTM 32");
        for (float p : params) {
            assertTrue(Float.isFinite(p));
        }

        // the same seed from the model read back from HDFS gives the sample printed at the end of training
        String generated = cli(0, "generate", "--config", QUICKSTART, "--set",
                "generate.model-path=" + lmRun + "/model", "--set", "generate.length=30");
        assertTrue(generated.startsWith("Anne") && generated.length() > 30, generated);
        assertTrue(trainConsole.contains(":\n" + generated), trainConsole + "\nvs\n" + generated);
    }

    @Test
    void forecastingTrainsFromAnHdfsCsvAndForecastsFromTheHdfsModel() throws IOException {
        String run = uri("/runs/sunspots");
        List<String> sets = List.of("input.path=" + uri("/series/sunspot.month.csv"), "output.path=" + run,
                "spark.master=local[2]", "series.window=24", "model.hidden=8", "train.epochs=1");
        cli(0, withSets(List.of("train", "--config", "../conf/forecast-sunspots.conf"), sets));
        for (String table : List.of("evaluation", "forecasts", "metrics", "runs", "quarantine")) {
            assertOnHdfsOnly("/runs/sunspots/" + table + "/_SUCCESS");
        }
        Map<String, String> runs = show(run + "/runs").get(0);
        assertEquals("forecast", runs.get("task"));
        assertEquals("3177", runs.get("rows"));
        assertEquals("0", runs.get("quarantined_records"));
        ForecastBundle bundle = ForecastBundle.load(new Path(run + "/model"), conf);
        assertEquals(24, bundle.spec().window());
        assertEquals(runs.get("run_id"), bundle.statistics().get("run_id"));

        cli(0, withSets(List.of("forecast", "--config", "../conf/forecast-sunspots.conf"), sets));
        assertOnHdfsOnly("/runs/sunspots-forecast/forecasts/_SUCCESS");
        List<Map<String, String>> ahead = show(run + "-forecast/forecasts");
        assertEquals(1, ahead.size());
        assertEquals("future", ahead.get(0).get("split"));
        assertEquals("2013.6667", ahead.get(0).get("origin_time"), "forecast from the CSV's last row");
        double forecast = Double.parseDouble(ahead.get(0).get("forecast"));
        assertTrue(forecast > -50 && forecast < 300, "a sunspot number in original units: " + forecast);
    }

    /**
     * Paths without a scheme on the default file system that spark-submit was given as
     * {@code --conf spark.hadoop.fs.defaultFS=...} (it passes such settings as system properties).
     */
    @Test
    void pathsWithoutSchemeUseTheDefaultFileSystemGivenToSpark() throws IOException {
        System.setProperty("spark.hadoop.fs.defaultFS", hdfs.getURI().toString());
        try {
            Map<String, String> run = show(BASE + "/runs/lm/runs").get(0);
            assertEquals("lm", run.get("task"));
            String generated = cli(0, "generate", "--config", QUICKSTART, "--set",
                    "generate.model-path=" + BASE + "/runs/lm/model", "--set", "generate.length=30");
            assertTrue(trainConsole.contains(":\n" + generated), generated);

            // checked, read and written before and inside the session: all on HDFS
            cli(0, "evaluate", "--config", QUICKSTART, "--set", "input.path=" + BASE + "/corpus/", "--set",
                    "output.path=" + BASE + "/runs/lm", "--set", "spark.master=local[2]", "--set",
                    "sequence.length=50");
            assertOnHdfsOnly("/runs/lm-evaluation/evaluation/_SUCCESS");
            Map<String, String> evaluation = show(BASE + "/runs/lm-evaluation/evaluation").get(0);
            assertEquals(BASE + "/corpus/", evaluation.get("input_path"));
            assertEquals("1", evaluation.get("quarantined_records"));
            long tokens = Long.parseLong(evaluation.get("tokens"));
            long corpus = Long.parseLong(run.get("tokens"));
            assertTrue(tokens > 0.9 * corpus && tokens <= corpus, tokens + " of " + corpus);
            assertTrue(Double.parseDouble(evaluation.get("loss")) < Math.log(Double.parseDouble(
                    run.get("vocabulary_size"))), "better than uniform: " + evaluation.get("loss"));
        } finally {
            System.clearProperty("spark.hadoop.fs.defaultFS");
        }
    }

    static String[] withSets(List<String> head, List<String> sets) {
        List<String> args = new ArrayList<>(head);
        sets.forEach(s -> {
            args.add("--set");
            args.add(s);
        });
        return args.toArray(String[]::new);
    }

    /** Reads the RFC 4180 CSV that {@code show} prints (quoted fields may hold commas and newlines). */
    static final class Csv {

        static List<List<String>> parse(String text) {
            List<List<String>> records = new ArrayList<>();
            List<String> record = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < text.length(); i++) {
                char ch = text.charAt(i);
                if (quoted) {
                    if (ch == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else if (ch == '"') {
                        quoted = false;
                    } else {
                        field.append(ch);
                    }
                } else if (ch == '"') {
                    quoted = true;
                } else if (ch == ',') {
                    record.add(field.toString());
                    field.setLength(0);
                } else if (ch == '\n') {
                    record.add(field.toString());
                    field.setLength(0);
                    records.add(record);
                    record = new ArrayList<>();
                } else {
                    field.append(ch);
                }
            }
            return records;
        }
    }
}

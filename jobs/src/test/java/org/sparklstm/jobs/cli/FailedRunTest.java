package org.sparklstm.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparklstm.jobs.Main;
import org.sparklstm.models.classify.ClassifierBundle;
import org.sparklstm.models.forecast.ForecastBundle;
import org.sparklstm.models.lm.ModelBundle;

/** Runs that go wrong: divergence, and what --resume accepts and refuses. */
class FailedRunTest {

    @TempDir
    Path tmp;
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream originalErr;

    @BeforeEach
    void captureErr() {
        originalErr = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreErr() {
        System.setErr(originalErr);
    }

    private static String[] train(Path input, Path output, String... more) {
        List<String> args = new ArrayList<>(List.of("train"));
        List<String> sets = new ArrayList<>(List.of("input.path=" + input, "output.path=" + output,
                "spark.master=local[2]", "train.workers=2", "sequence.length=50", "sequence.stride=50",
                "model.embedding=8", "model.layers=1", "model.hidden=16", "train.epochs=1", "train.batch-size=16",
                "generate.length=10"));
        sets.addAll(List.of(more));
        for (String set : sets) {
            args.add("--set");
            args.add(set);
        }
        return args.toArray(String[]::new);
    }

    private Path corpus(int lines) throws IOException {
        Path corpus = tmp.resolve("corpus.txt");
        Files.write(corpus, Files.readAllLines(Path.of("../data-samples/austen-persuasion.txt")).subList(0, lines));
        return corpus;
    }

    /** Removes what a run writes at its end, as if its driver died after the last epoch's checkpoint. */
    private static void loseTheOutputs(Path run) throws IOException {
        try (var files = Files.list(run)) {
            for (Path p : files.toList()) {
                String name = p.getFileName().toString();
                if (!name.equals("checkpoints") && !name.equals("run.json")) {
                    org.apache.commons.io.FileUtils.forceDelete(p.toFile());
                }
            }
        }
    }

    @Test
    void forecastingAndClassificationRunsResumeToTheSameModel() throws Exception {
        Path forecast = tmp.resolve("forecast");
        List<String> forecastSets = ForecastEndToEndTest.sets("../data-samples/sunspot.month.csv", forecast.toString(),
                "series.window=24", "train.epochs=2", "series.split.train=0.7", "series.split.validation=0.1",
                "train.checkpoint-every=5");
        assertEquals(0, Main.run(args(forecastSets)));
        float[] expected = ForecastBundle.load(new org.apache.hadoop.fs.Path(forecast.resolve("model").toUri()),
                new Configuration()).network().params().data().asFloat();
        List<org.apache.spark.sql.Row> metrics = rows(forecast.resolve("metrics"));
        loseTheOutputs(forecast);
        assertTrue(resumed(forecast).contains("resuming from " + forecast.toUri().toString().replace("file:///", "file:/")
                + "checkpoints/epoch-0003-round-000000 (start of epoch 3)"));
        assertArrayEquals(expected, ForecastBundle.load(new org.apache.hadoop.fs.Path(forecast.resolve("model").toUri()),
                new Configuration()).network().params().data().asFloat());
        assertEquals(metrics, rows(forecast.resolve("metrics")));

        Path classify = tmp.resolve("classify");
        List<String> classifySets = ClassifyEndToEndTest.sets(classify.toString(), "train.checkpoint-every=4",
                "embeddings.word2vec=false");
        assertEquals(0, Main.run(args(classifySets)));
        expected = ClassifierBundle.load(new org.apache.hadoop.fs.Path(classify.resolve("model").toUri()),
                new Configuration()).network().params().data().asFloat();
        List<org.apache.spark.sql.Row> evaluation = rows(classify.resolve("evaluation"));
        loseTheOutputs(classify);
        // nothing is trained again: the kept epoch's model comes from the checkpoint
        String console = resumed(classify);
        assertTrue(console.contains("/checkpoints/epoch-0003-round-000000 (start of epoch 3)"), console);
        assertTrue(console.contains("keeping the model of epoch"), console);
        assertFalse(console.contains("train loss"), console);
        assertArrayEquals(expected, ClassifierBundle.load(new org.apache.hadoop.fs.Path(classify.resolve("model")
                .toUri()), new Configuration()).network().params().data().asFloat());
        assertEquals(evaluation, rows(classify.resolve("evaluation")));
    }

    /** {@code train --resume DIR}, which must succeed; what it printed. */
    private static String resumed(Path run) {
        PrintStream original = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            assertEquals(0, Main.run(new String[]{"train", "--resume", run.toString()}));
        } finally {
            System.setOut(original);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static String[] args(List<String> sets) {
        List<String> args = new ArrayList<>(List.of("train"));
        for (String set : sets) {
            args.add("--set");
            args.add(set);
        }
        return args.toArray(String[]::new);
    }

    /** A table's rows without run-specific columns (ids, times, durations), in a fixed order. */
    private static List<org.apache.spark.sql.Row> rows(Path table) {
        org.apache.spark.sql.SparkSession spark = ForecastEndToEndTest.reader();
        org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> t = spark.read().parquet(table.toString());
        for (String column : List.of("run_id", "seconds")) {
            if (java.util.Arrays.asList(t.columns()).contains(column)) {
                t = t.drop(column);
            }
        }
        List<org.apache.spark.sql.Row> rows = t.collectAsList().stream().sorted(java.util.Comparator.comparing(
                org.apache.spark.sql.Row::toString)).toList();
        ForecastEndToEndTest.stopReader();
        return rows;
    }

    private static List<String> listing(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList();
        }
    }

    @Test
    void aDivergingRunStopsWithAClearErrorAndIsMarkedFailed() throws IOException {
        Path run = tmp.resolve("diverged");
        // round 1's averaged change scaled beyond float's range: every parameter it moved is infinite (plain Java
        // arithmetic, no BLAS kernel involved), so round 2's softmax and loss are NaN on any machine
        assertEquals(1, Main.run(train(corpus(600), run, "train.update-scale=1e300")));
        String errors = err.toString(StandardCharsets.UTF_8);
        assertTrue(errors.startsWith("error: training diverged: the loss is NaN in epoch 1 round "), errors);
        assertFalse(Files.exists(run.resolve("_SUCCESS")));
        assertFalse(Files.exists(run.resolve("metrics")));
        assertTrue(Files.readString(run.resolve("_FAILED")).contains("training diverged"));
    }

    /** Set when an instance is deserialized: what reading an older checkpoint would do. */
    private static volatile boolean tripped;

    /** Deserializing it runs code, as a gadget chain's first link does. */
    private static final class Tripwire implements java.io.Serializable {
        private void readObject(java.io.ObjectInputStream in) throws IOException, ClassNotFoundException {
            in.defaultReadObject();
            tripped = true;
        }
    }

    @Test
    void resumeRefusesAnOlderJavaSerializedCheckpointUnreadAndADamagedOneNamingTheFile() throws Exception {
        Path run = tmp.resolve("old-format");
        assertEquals(0, Main.run(train(corpus(300), run, "train.checkpoint-every=3")));
        loseTheOutputs(run);
        Path checkpoint = run.resolve("checkpoints/epoch-0002-round-000000");
        Path arrays = checkpoint.resolve("arrays.f32le");
        byte[] bytes = Files.readAllBytes(arrays);
        Files.write(arrays, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        Files.deleteIfExists(checkpoint.resolve(".arrays.f32le.crc"));
        assertEquals(2, Main.run(new String[]{"train", "--resume", run.toString()}));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("error: checkpoint file " + arrays.toUri().toString()
                .replace("file:///", "file:/") + " cannot be read: it has " + bytes.length / 2 + " bytes, its manifest"
                + " says " + bytes.length + " (truncated)"), err.toString());
        assertFalse(Files.exists(run.resolve("_SUCCESS")));

        // the checkpoint as earlier versions wrote it: one Java-serialized file
        org.apache.commons.io.FileUtils.cleanDirectory(checkpoint.toFile());
        Path old = checkpoint.resolve("checkpoint.bin");
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(Files.newOutputStream(old))) {
            out.writeObject(new Tripwire());
        }
        tripped = false;
        err.reset();
        assertEquals(2, Main.run(new String[]{"train", "--resume", run.toString()}));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("error: checkpoint " + old.toUri().toString()
                .replace("file:///", "file:/") + " is in the older Java-serialized format, which is no longer read"),
                err.toString());
        assertFalse(tripped, "the old checkpoint was deserialized");
        assertFalse(Files.exists(run.resolve("_SUCCESS")));
    }

    @Test
    void resumeFinishesAnInterruptedRunAndRefusesWhatItCannotContinue() throws Exception {
        Path input = corpus(600);
        Path finished = tmp.resolve("finished");
        assertEquals(0, Main.run(train(input, finished, "train.checkpoint-every=3")));
        assertEquals(2, Main.run(new String[]{"train", "--resume", finished.toString()}));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("is a finished run (it has _SUCCESS)"));

        // the same run, its driver lost after the last epoch's checkpoint but before the outputs were written
        Path interrupted = tmp.resolve("interrupted");
        assertEquals(0, Main.run(train(input, interrupted, "train.checkpoint-every=3")));
        for (String written : List.of("_SUCCESS", "metrics", "runs", "model", "quarantine")) {
            org.apache.commons.io.FileUtils.forceDelete(interrupted.resolve(written).toFile());
        }
        assertEquals(List.of("checkpoints", "run.json"), listing(interrupted));
        assertEquals(List.of("epoch-0002-round-000000"), listing(interrupted.resolve("checkpoints")));
        assertEquals(0, Main.run(new String[]{"train", "--resume", interrupted.toString(),
                "--set", "spark.master=local[1]"}));
        assertTrue(Files.exists(interrupted.resolve("_SUCCESS")));
        float[] expected = ModelBundle.load(new org.apache.hadoop.fs.Path(finished.resolve("model").toUri()),
                new Configuration()).network().params().data().asFloat();
        float[] resumed = ModelBundle.load(new org.apache.hadoop.fs.Path(interrupted.resolve("model").toUri()),
                new Configuration()).network().params().data().asFloat();
        assertArrayEquals(expected, resumed);

        err.reset();
        assertEquals(2, Main.run(new String[]{"train", "--resume", interrupted.toString(),
                "--set", "train.epochs=3"}));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains(
                "--set 'train.epochs=3' would change the run; only spark.* keys may differ"), err.toString());

        Files.delete(interrupted.resolve("_SUCCESS"));
        err.reset();
        assertEquals(0, Main.run(new String[]{"show", interrupted.resolve("metrics").toString()}));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("has no _SUCCESS: its run did not finish, so this "
                + "table may be incomplete"), err.toString());
        err.reset();
        assertEquals(0, Main.run(new String[]{"show", finished.resolve("metrics").toString()}));
        assertFalse(err.toString(StandardCharsets.UTF_8).contains("warning"), err.toString());
        Files.writeString(input, "\nmore text", java.nio.file.StandardOpenOption.APPEND);
        err.reset();
        assertEquals(2, Main.run(new String[]{"train", "--resume", interrupted.toString()}));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--resume: the input files changed since the run "
                + "began"), err.toString());
    }
}

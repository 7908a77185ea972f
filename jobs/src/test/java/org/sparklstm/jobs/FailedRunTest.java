package org.sparklstm.jobs;

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
import org.sparklstm.models.ModelBundle;

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
                "train.tbptt-length=25", "generate.length=10"));
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

    private static List<String> listing(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList();
        }
    }

    @Test
    void aDivergingRunStopsWithAClearErrorAndIsMarkedFailed() throws IOException {
        Path run = tmp.resolve("diverged");
        assertEquals(1, Main.run(train(corpus(600), run, "train.learning-rate=1e30", "train.checkpoint-every=1")));
        String errors = err.toString(StandardCharsets.UTF_8);
        assertTrue(errors.startsWith("error: training diverged: the loss is NaN in epoch 1 round "), errors);
        assertFalse(Files.exists(run.resolve("_SUCCESS")));
        assertFalse(Files.exists(run.resolve("metrics")));
        assertTrue(Files.readString(run.resolve("_FAILED")).contains("training diverged"));
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
        org.junit.jupiter.api.Assertions.assertArrayEquals(expected, resumed);

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

package org.sparklstm.jobs.cli;

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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparklstm.jobs.Main;

/**
 * Runs whose output file system fails under them ({@link FaultyFileSystem}): on a checkpoint's write, and on the
 * rename that moves the outputs into place. Each run ends failed with nothing that looks complete, and {@code
 * --resume} finishes it from its last whole checkpoint.
 */
class FaultInjectionTest {

    @TempDir
    Path tmp;

    @AfterEach
    void disarm() {
        FaultyFileSystem.disarm();
    }

    private String[] train(Path input, Path output) {
        List<String> args = new ArrayList<>(List.of("train"));
        for (String set : List.of("input.path=" + input, "output.path=faulty://" + output, "spark.master=local[2]",
                "train.workers=2", "sequence.length=50", "sequence.stride=50", "model.embedding=8", "model.layers=1",
                "model.hidden=16", "train.epochs=2", "train.batch-size=16", "train.checkpoint-every=3",
                "generate.length=10")) {
            args.addAll(List.of("--set", set));
        }
        return args.toArray(String[]::new);
    }

    private static int run(String... args) {
        PrintStream err = System.err;
        System.setErr(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        try {
            return Main.run(args);
        } finally {
            System.setErr(err);
        }
    }

    private static List<String> listing(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList();
        }
    }

    @Test
    void aCheckpointWriteThatFailsLeavesOnlyWholeCheckpointsAndResumeFinishes() throws IOException {
        Path input = CliRuns.persuasion(tmp, 600);
        Path run = tmp.resolve("write");
        // the second checkpoint's arrays fail after 1,000 bytes: the first is whole
        FaultyFileSystem.failWriteOf = "arrays.f32le";
        FaultyFileSystem.failWriteAfter = 1_000;
        FaultyFileSystem.failWriteNumber = 2;
        assertEquals(1, run(train(input, run)));
        String failed = Files.readString(run.resolve("_FAILED"));
        assertTrue(failed.contains("checkpoint") && failed.contains("injected failure"), failed);
        assertFalse(Files.exists(run.resolve("_SUCCESS")));
        assertEquals(List.of("_FAILED", "checkpoints", "quarantine", "run.json"), listing(run));
        List<String> checkpoints = listing(run.resolve("checkpoints"));
        assertEquals(1, checkpoints.size(), checkpoints.toString());

        FaultyFileSystem.disarm();
        assertEquals(0, run("train", "--resume", "faulty://" + run));
        assertTrue(Files.exists(run.resolve("_SUCCESS")));
        assertTrue(Files.exists(run.resolve("model")));
        assertFalse(Files.exists(run.resolve("_FAILED")));
    }

    @Test
    void aRenameThatFailsWhenTheOutputsMoveIntoPlaceIsAFailedRunThatResumeFinishes() throws IOException {
        Path input = CliRuns.persuasion(tmp, 600);
        Path run = tmp.resolve("rename");
        FaultyFileSystem.failRenameTo = "model";
        assertEquals(1, run(train(input, run)));
        assertTrue(Files.readString(run.resolve("_FAILED")).contains("injected failure: rename"));
        assertFalse(Files.exists(run.resolve("_SUCCESS")));
        // the reason, what resuming needs, and the quarantine table that was written before the failure
        assertEquals(List.of("_FAILED", "checkpoints", "quarantine", "run.json"), listing(run));

        FaultyFileSystem.disarm();
        assertEquals(0, run("train", "--resume", "faulty://" + run));
        assertEquals(List.of("_SUCCESS", "checkpoints", "metrics", "model", "quarantine", "run.json", "runs"),
                listing(run));
    }
}

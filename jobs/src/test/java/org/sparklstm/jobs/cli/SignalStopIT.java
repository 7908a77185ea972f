package org.sparklstm.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A driver stopped with SIGTERM (what YARN, Kubernetes and schedulers send first) in the middle of
 * training: it exits soon, non-zero, leaving {@code _FAILED} that names the signal and where training
 * stood, its last checkpoint and nothing that looks finished; {@code train --resume} then completes the run.
 */
class SignalStopIT {

    private static final List<Process> PROCESSES = new ArrayList<>();
    private static final Pattern CHECKPOINT = Pattern.compile("the last checkpoint is kept \\((\\S+)\\)");

    @TempDir
    static Path tmp;

    @AfterAll
    static void stop() {
        PROCESSES.forEach(p -> p.descendants().forEach(ProcessHandle::destroyForcibly));
        PROCESSES.forEach(Process::destroyForcibly);
    }

    @Test
    void aDriverStoppedBySigtermMarksItsRunFailedAndResumes() throws Exception {
        Path corpus = tmp.resolve("persuasion-part.txt");
        Files.write(corpus, Files.readAllLines(Path.of("../data-samples/austen-persuasion.txt")).subList(0, 800));
        Path run = tmp.resolve("run");
        Path log = tmp.resolve("train.out");
        Process driver = main(log, train(corpus, run));
        awaitCheckpoint(run.resolve("checkpoints"), driver, log);

        driver.destroy(); // SIGTERM
        if (!driver.waitFor(60, TimeUnit.SECONDS)) {
            fail("the driver did not exit within 60 s of SIGTERM:\n" + LogFile.read(log));
        }
        assertEquals(128 + 15, driver.exitValue(), LogFile.read(log));
        assertFalse(Files.exists(run.resolve("_SUCCESS")));
        assertFalse(Files.exists(run.resolve("_staging")));
        for (String table : List.of("metrics", "runs", "model")) {
            assertFalse(Files.exists(run.resolve(table)), table);
        }
        String failed = Files.readString(run.resolve("_FAILED"));
        assertTrue(failed.startsWith("stopped by signal TERM at epoch "), failed);
        assertTrue(failed.contains("resume with `bin/spark-lstm train --resume " + run + "`"), failed);
        assertTrue(LogFile.read(log).contains(failed.trim()), LogFile.read(log));
        // the checkpoint it names is the one kept, whole
        Matcher named = CHECKPOINT.matcher(failed);
        assertTrue(named.find(), failed);
        Path checkpoint = Path.of(java.net.URI.create(named.group(1)));
        assertTrue(Files.exists(checkpoint.resolve("manifest.json")) && Files.exists(checkpoint.resolve("arrays.f32le")),
                failed);
        try (var kept = Files.list(run.resolve("checkpoints"))) {
            assertEquals(List.of(checkpoint.getFileName().toString()),
                    kept.map(p -> p.getFileName().toString()).toList());
        }

        Path resumeLog = tmp.resolve("resume.out");
        Process resumed = main(resumeLog, List.of("train", "--resume", run.toString()));
        if (!resumed.waitFor(3, TimeUnit.MINUTES)) {
            fail("the resumed run did not finish in 3 minutes:\n" + LogFile.read(resumeLog));
        }
        assertEquals(0, resumed.exitValue(), LogFile.read(resumeLog));
        assertTrue(LogFile.read(resumeLog).contains("resuming from " + named.group(1)), LogFile.read(resumeLog));
        assertTrue(Files.exists(run.resolve("_SUCCESS")));
        assertFalse(Files.exists(run.resolve("_FAILED")));
        assertTrue(Files.isDirectory(run.resolve("model")));
    }

    private static List<String> train(Path corpus, Path output) {
        List<String> args = new ArrayList<>(List.of("train", "--config", "../conf/quickstart.conf"));
        for (String set : List.of("input.path=" + corpus, "output.path=" + output, "spark.master=local[2]",
                "train.workers=2", "sequence.length=50", "sequence.stride=50", "model.embedding=16",
                "model.hidden=64", "train.epochs=2", "train.batch-size=16", "train.averaging-frequency=2",
                "train.checkpoint-every=2")) {
            args.add("--set");
            args.add(set);
        }
        return args;
    }

    private static Process main(Path log, List<String> args) throws IOException {
        Process p = ChildJvm.start(List.of("-Xmx3g"), log, args);
        PROCESSES.add(p);
        return p;
    }

    /** Waits for the first checkpoint; the run must still be going then, or there is nothing to stop. */
    private static void awaitCheckpoint(Path checkpoints, Process run, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            if (!run.isAlive()) {
                fail("the run ended before it could be stopped:\n" + LogFile.read(log));
            }
            if (Files.isDirectory(checkpoints)) {
                try (var names = Files.list(checkpoints)) {
                    if (names.anyMatch(p -> p.getFileName().toString().startsWith("epoch-"))) {
                        return;
                    }
                }
            }
            Thread.sleep(100);
        }
        fail("no checkpoint appeared in 3 minutes:\n" + LogFile.read(log));
    }
}

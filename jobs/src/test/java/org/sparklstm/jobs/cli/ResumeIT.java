package org.sparklstm.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparklstm.jobs.Main;
import org.sparklstm.models.lm.ModelBundle;

/**
 * A driver killed (SIGKILL) in the middle of training, then {@code train --resume}: the run ends with
 * the parameters and metrics of a run that was never interrupted. Every run is a JVM of its own, as
 * {@code bin/spark-lstm} starts it.
 */
class ResumeIT {

    private static final List<Process> PROCESSES = new ArrayList<>();

    @TempDir
    static Path tmp;

    @AfterAll
    static void stop() {
        PROCESSES.forEach(p -> p.descendants().forEach(ProcessHandle::destroyForcibly));
        PROCESSES.forEach(Process::destroyForcibly);
    }

    @Test
    void aKilledDriverResumesToTheParametersOfAnUninterruptedRun() throws Exception {
        Path corpus = tmp.resolve("persuasion-part.txt");
        Files.write(corpus, Files.readAllLines(Path.of("../data-samples/austen-persuasion.txt")).subList(0, 3000));

        Path unbroken = tmp.resolve("unbroken");
        Process a = main(tmp.resolve("unbroken.out"), train(corpus, unbroken));
        assertFinished(a, tmp.resolve("unbroken.out"));

        Path killed = tmp.resolve("killed");
        Process b = main(tmp.resolve("killed.out"), train(corpus, killed));
        awaitCheckpoint(killed.resolve("checkpoints"), b, tmp.resolve("killed.out"));
        b.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        // nothing of the killed run looks finished
        assertFalse(Files.exists(killed.resolve("_SUCCESS")));
        for (String table : List.of("metrics", "runs", "model")) {
            assertFalse(Files.exists(killed.resolve(table)), table);
        }
        assertTrue(Files.exists(killed.resolve("run.json")));

        Path resumeOut = tmp.resolve("resume.out");
        Process c = main(resumeOut, List.of("train", "--resume", killed.toString()));
        assertFinished(c, resumeOut);
        assertTrue(Files.readString(resumeOut).contains("resuming from "), Files.readString(resumeOut));
        assertTrue(Files.exists(killed.resolve("_SUCCESS")));

        ModelBundle expected = ModelBundle.load(new org.apache.hadoop.fs.Path(unbroken.resolve("model").toUri()),
                new Configuration());
        ModelBundle resumed = ModelBundle.load(new org.apache.hadoop.fs.Path(killed.resolve("model").toUri()),
                new Configuration());
        assertArrayEquals(expected.network().params().data().asFloat(), resumed.network().params().data().asFloat());

        SparkSession spark = SparkSession.builder().master("local[1]").config("spark.ui.enabled", "false").getOrCreate();
        try {
            List<Row> m1 = spark.read().parquet(unbroken.resolve("metrics").toString()).orderBy("epoch", "split")
                    .select("epoch", "split", "loss", "tokens").collectAsList();
            List<Row> m2 = spark.read().parquet(killed.resolve("metrics").toString()).orderBy("epoch", "split")
                    .select("epoch", "split", "loss", "tokens").collectAsList();
            assertEquals(4, m1.size());
            assertEquals(m1, m2);
            Row run1 = spark.read().parquet(unbroken.resolve("runs").toString()).first();
            Row run2 = spark.read().parquet(killed.resolve("runs").toString()).first();
            assertEquals((double) run1.getAs("final_validation_loss"), (double) run2.getAs("final_validation_loss"));
            // the resumed run keeps the id it began with
            assertTrue(Files.readString(killed.resolve("run.json")).contains((String) run2.getAs("run_id")));
        } finally {
            spark.stop();
        }
    }

    private static List<String> train(Path corpus, Path output) {
        List<String> args = new ArrayList<>(List.of("train", "--config", "../conf/quickstart.conf"));
        for (String set : List.of("input.path=" + corpus, "output.path=" + output, "spark.master=local[2]",
                "train.workers=2", "sequence.length=50", "sequence.stride=50", "model.embedding=16",
                "model.hidden=64", "train.epochs=2", "train.batch-size=16", "train.averaging-frequency=2",
                "train.checkpoint-every=4")) {
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

    private static void assertFinished(Process p, Path log) throws Exception {
        if (!p.waitFor(6, TimeUnit.MINUTES)) {
            fail("run did not finish in 6 minutes:\n" + Files.readString(log));
        }
        assertEquals(0, p.exitValue(), Files.readString(log));
    }

    /** Waits for the first checkpoint of epoch 1; the run must still be going then, or it cannot be killed mid-run. */
    private static void awaitCheckpoint(Path checkpoints, Process run, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
        while (System.nanoTime() < deadline) {
            if (!run.isAlive()) {
                fail("the run ended before it could be killed:\n" + Files.readString(log));
            }
            if (Files.isDirectory(checkpoints)) {
                try (var names = Files.list(checkpoints)) {
                    if (names.anyMatch(p -> p.getFileName().toString().startsWith("epoch-0001-"))) {
                        return;
                    }
                }
            }
            Thread.sleep(100);
        }
        fail("no checkpoint appeared in 4 minutes:\n" + Files.readString(log));
    }
}

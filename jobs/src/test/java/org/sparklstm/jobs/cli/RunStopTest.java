package org.sparklstm.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.spark.api.java.function.ForeachFunction;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparklstm.pipeline.io.RunDirectory;

/**
 * The shutdown hook of a run against the run's own thread: a stop cancels the running job and the run
 * fails with the stop's reason; a run that has committed stays committed.
 */
class RunStopTest {

    private static SparkSession spark;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() {
        spark = SparkSession.builder().master("local[2]").config("spark.ui.enabled", "false").getOrCreate();
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    @Test
    void aStopCancelsTheRunningJobAndFailsTheRunWithItsReason() throws Exception {
        Path dir = tmp.resolve("run");
        RunDirectory run = RunDirectory.begin(dir.toString(), spark.sparkContext().hadoopConfiguration());
        run.notePosition("epoch 1 of 3, round 2 of 9");
        AtomicReference<RunStop> guard = new AtomicReference<>();
        CompletableFuture<Exception> ending = CompletableFuture.supplyAsync(() -> {
            try (RunStop stop = RunStop.guard(spark, run)) {
                guard.set(stop);
                try {
                    spark.range(0, 2, 1, 2).foreach((ForeachFunction<Long>) x -> Thread.sleep(600_000));
                    stop.commit();
                    return null;
                } catch (Exception e) {
                    stop.fail(e);
                    return e;
                }
            } catch (Exception e) {
                return e;
            }
        });
        while (guard.get() == null || spark.sparkContext().statusTracker().getActiveJobIds().length == 0) {
            Thread.sleep(50);
        }
        long start = System.nanoTime();
        guard.get().stop();
        assertTrue(System.nanoTime() - start < RunStop.GRACE.toNanos(), "the hook waited out its grace");

        Exception ended = ending.get(10, TimeUnit.SECONDS);
        assertInstanceOf(RunStoppedException.class, ended);
        String failed = Files.readString(dir.resolve(RunDirectory.FAILED)).trim();
        // no signal reached this JVM: it is the shutdown that stopped the run
        assertEquals("stopped: the driver's JVM shut down at epoch 1 of 3, round 2 of 9; "
                + "no checkpoint to resume from: run the command again", failed);
        assertEquals(failed, ended.getMessage());
        assertFalse(Files.exists(dir.resolve(RunDirectory.SUCCESS)));
        assertFalse(Files.exists(dir.resolve("_staging")));
        assertEquals(0, spark.sparkContext().statusTracker().getActiveJobIds().length);
    }

    @Test
    void aCommittedRunStaysCommittedWhenTheStopComesLate() throws Exception {
        Path dir = tmp.resolve("done");
        RunDirectory run = RunDirectory.begin(dir.toString(), spark.sparkContext().hadoopConfiguration());
        try (RunStop stop = RunStop.guard(spark, run)) {
            Files.writeString(Path.of(run.path("note.txt")), "kept");
            stop.commit();
            stop.stop();
            stop.fail(new IllegalStateException("a failure after the commit"));
        }
        assertTrue(Files.exists(dir.resolve(RunDirectory.SUCCESS)));
        assertFalse(Files.exists(dir.resolve(RunDirectory.FAILED)));
        assertEquals("kept", Files.readString(dir.resolve("note.txt")));
    }

    @Test
    void aRunStoppedBeforeItsCommitIsNeverCommitted() throws Exception {
        Path dir = tmp.resolve("late");
        RunDirectory run = RunDirectory.begin(dir.toString(), spark.sparkContext().hadoopConfiguration());
        try (RunStop stop = RunStop.guard(spark, run)) {
            CompletableFuture<Void> hook = CompletableFuture.runAsync(stop::stop);
            Thread.sleep(300); // the hook has claimed the run and waits for its thread
            RunStoppedException refused = assertThrows(RunStoppedException.class, stop::commit);
            assertThrows(RunStoppedException.class, () -> stop.fail(refused));
            hook.get(10, TimeUnit.SECONDS);
        }
        assertFalse(Files.exists(dir.resolve(RunDirectory.SUCCESS)));
        assertTrue(Files.readString(dir.resolve(RunDirectory.FAILED)).startsWith("stopped: the driver's JVM shut down;"));
    }

    @Test
    void aDriverOutOfHeapMarksTheRunFailed() {
        Path dir = tmp.resolve("oom");
        OutOfMemoryError thrown = assertThrows(OutOfMemoryError.class, () -> NewRun.within(spark, dir.toString(),
                "20261208-000000-0000000a", java.time.Instant.now(), (session, run, runId, started) -> {
                    throw new OutOfMemoryError("Java heap space");
                }));
        assertEquals("Java heap space", thrown.getMessage());
        assertEquals("java.lang.OutOfMemoryError: Java heap space",
                assertDoesNotThrow(() -> Files.readString(dir.resolve(RunDirectory.FAILED))).trim());
        assertFalse(Files.exists(dir.resolve(RunDirectory.SUCCESS)));
        assertFalse(Files.exists(dir.resolve("_staging")));
    }
}

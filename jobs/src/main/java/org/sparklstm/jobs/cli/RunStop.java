package org.sparklstm.jobs.cli;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.util.ShutdownHookManager;
import org.apache.spark.SparkContext;
import org.apache.spark.SparkExecutorInfo;
import org.apache.spark.sql.SparkSession;
import org.sparklstm.pipeline.io.RunDirectory;
import org.sparklstm.pipeline.train.Checkpoints;

/**
 * Ends a run cleanly when its driver is asked to stop. On SIGTERM or SIGINT the JVM runs its shutdown
 * hooks; this one cancels the run's Spark jobs, so that the run's thread fails at once and marks the run
 * failed with the signal as the reason, and marks it itself if that thread has not within
 * {@link #GRACE}. A run ends once: committed by its thread or stopped by the hook, never both; a commit
 * that has begun is left to finish, so a run with {@code _SUCCESS} is never marked failed.
 */
final class RunStop implements AutoCloseable {

    /** How long the run's thread has to reach its failure path once its jobs are cancelled. */
    static final Duration GRACE = Duration.ofSeconds(20);
    // before Spark's hooks (40: they stop the SparkContext) and FileSystem's (10: it closes the file systems)
    private static final int PRIORITY = 50;
    // jobs the run's thread submits after a cancel are cancelled at the next poll
    private static final long POLL_MILLIS = 200;

    private enum Ending { RUNNING, COMMITTING, STOPPING, ENDED }

    private final SparkContext sc;
    private final RunDirectory run;
    private final Runnable hook = this::stop;
    private final CountDownLatch ended = new CountDownLatch(1);
    private Ending ending = Ending.RUNNING;
    private String stopReason;

    private RunStop(SparkContext sc, RunDirectory run) {
        this.sc = sc;
        this.run = run;
    }

    /** Guards {@code run}, whose work runs on the calling thread, until {@link #close()}. */
    static RunStop guard(SparkSession spark, RunDirectory run) {
        StopSignal.watch();
        RunStop stop = new RunStop(spark.sparkContext(), run);
        // a cancelled job's tasks are interrupted where they wait, not left to run to their end
        stop.sc.setInterruptOnCancel(true);
        ShutdownHookManager.get().addShutdownHook(stop.hook, PRIORITY, GRACE.plusSeconds(10).toSeconds(),
                TimeUnit.SECONDS);
        return stop;
    }

    /** The run's thread, its work done: commits the run, unless a stop has begun. */
    void commit() throws IOException {
        synchronized (this) {
            if (ending == Ending.STOPPING) {
                throw new RunStoppedException("stopped before the outputs were moved into place");
            }
            ending = Ending.COMMITTING;
        }
        run.commit();
        end();
    }

    /**
     * The run's thread, its work or commit failed: marks the run failed with {@code cause}, or with the
     * stop's reason once a stop has begun.
     *
     * @throws RunStoppedException when the run was stopped (the reason, caused by {@code cause})
     */
    synchronized void fail(Throwable cause) {
        if (ending == Ending.STOPPING) {
            markStopped();
        } else if (ending != Ending.ENDED) {
            run.fail(cause);
            end();
        }
        if (stopReason != null) {
            RunStoppedException e = new RunStoppedException(stopReason);
            e.initCause(cause);
            throw e;
        }
    }

    @Override
    public void close() {
        try {
            ShutdownHookManager.get().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run: it is the one ending the run
        }
    }

    /** The shutdown hook (package-private: tests stop a run without shutting their JVM down). */
    void stop() {
        Ending found;
        synchronized (this) {
            found = ending;
            if (found == Ending.RUNNING) {
                ending = Ending.STOPPING;
            }
        }
        try {
            if (found != Ending.RUNNING) {
                // a commit that has begun finishes; a run that has ended stays as it ended
                ended.await(GRACE.toMillis(), TimeUnit.MILLISECONDS);
                return;
            }
            long deadline = System.nanoTime() + GRACE.toNanos();
            do {
                cancelJobs();
            } while (!ended.await(POLL_MILLIS, TimeUnit.MILLISECONDS) && System.nanoTime() < deadline);
            synchronized (this) {
                if (ending != Ending.ENDED) {
                    // the run's thread is busy outside Spark's jobs; the JVM ends it once the hooks are done
                    markStopped();
                }
            }
            // what the cancelled tasks wrote after the run was marked failed goes too
            awaitTasks(deadline);
            run.discardWork();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            System.err.println("could not remove the stopped run's working files: " + e);
        }
        if (stopReason != null) {
            // the run's thread may not get to say it before the JVM halts
            System.err.println(stopReason);
        }
    }

    private synchronized void markStopped() {
        stopReason = reason();
        run.fail(stopReason);
        end();
    }

    private void awaitTasks(long deadline) throws InterruptedException {
        while (runningTasks() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(POLL_MILLIS);
        }
    }

    private int runningTasks() {
        return sc.isStopped() ? 0 : Arrays.stream(sc.statusTracker().getExecutorInfos())
                .mapToInt(SparkExecutorInfo::numRunningTasks).sum();
    }

    private void cancelJobs() {
        if (!sc.isStopped()) {
            try {
                sc.cancelAllJobs();
            } catch (IllegalStateException stoppedMeanwhile) {
                // nothing left to cancel
            }
        }
    }

    private synchronized void end() {
        ending = Ending.ENDED;
        ended.countDown();
    }

    /** {@code stopped by signal TERM at epoch 2 of 3, round 14 of 40; ...} and how to go on. */
    private String reason() {
        String by = StopSignal.received().map(s -> "stopped by signal " + s).orElse("stopped: the driver's JVM shut down");
        return by + run.position().map(p -> " at " + p).orElse("") + "; " + howToGoOn();
    }

    private String howToGoOn() {
        try {
            Optional<String> checkpoint = new Checkpoints(run.finalPath(RunDirectory.CHECKPOINTS),
                    sc.hadoopConfiguration()).latestPath();
            if (checkpoint.isPresent() && run.has(RunManifest.FILE)) {
                return "the last checkpoint is kept (" + checkpoint.get() + "); resume with `bin/spark-lstm train"
                        + " --resume " + run.target() + "`";
            }
        } catch (IOException e) {
            // then it cannot be resumed from here either
        }
        return "no checkpoint to resume from: run the command again";
    }
}

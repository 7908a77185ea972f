package org.sparklstm.jobs.cli;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.spark.sql.SparkSession;
import org.sparklstm.jobs.config.JobConfig;
import org.sparklstm.pipeline.ingest.QuarantinedInputException;
import org.sparklstm.pipeline.io.RunDirectory;
import org.sparklstm.pipeline.io.RunIds;
import org.sparklstm.pipeline.io.Tables;

/**
 * The lifetime of every command that writes a run directory: a SparkSession, a run id and a run
 * directory whose outputs are moved into place only when the body succeeds (and which is marked failed
 * when it does not, or when the driver is asked to stop: see {@link RunStop}), the session stopped either way.
 */
final class NewRun {

    /** The work of one run, writing into {@code run}'s staging paths. */
    interface Body<T> {
        T run(SparkSession spark, RunDirectory run, String runId, Instant started) throws IOException;
    }

    private NewRun() {
    }

    static <T> T in(JobConfig.Spark sparkConfig, String outputPath, Body<T> body) throws IOException {
        Instant started = Instant.now();
        return inSession(sparkConfig, spark -> RunDirectory.begin(outputPath, spark.sparkContext().hadoopConfiguration()),
                RunIds.of(started), started, body);
    }

    /** A run directory's lifecycle inside a session the caller owns, under a run id chosen beforehand. */
    static <T> T within(SparkSession spark, String outputPath, String runId, Instant started, Body<T> body)
            throws IOException {
        return committed(RunDirectory.begin(outputPath, spark.sparkContext().hadoopConfiguration()), spark,
                runId, started, body);
    }

    /** A training run: like {@link #in}, and it first records what {@code train --resume} needs. */
    static <T> T training(JobConfig config, List<FileStatus> files, Body<T> body) throws IOException {
        return in(config.spark(), config.outputPath(), (spark, run, runId, started) -> {
            RunManifest.of(runId, started, config, files).writeTo(run);
            return body.run(spark, run, runId, started);
        });
    }

    /** Continues the unfinished run in {@code runDirectory} under its own id. */
    static <T> T resume(JobConfig.Spark sparkConfig, String runDirectory, RunManifest manifest, Body<T> body)
            throws IOException {
        return inSession(sparkConfig, spark -> RunDirectory.reopen(runDirectory, spark.sparkContext().hadoopConfiguration()),
                manifest.runId(), manifest.started(), body);
    }

    private interface Opener {
        RunDirectory open(SparkSession spark) throws IOException;
    }

    private static <T> T inSession(JobConfig.Spark sparkConfig, Opener opener, String runId, Instant started,
                                   Body<T> body) throws IOException {
        SparkSession spark = Sessions.create(sparkConfig);
        try {
            return committed(opener.open(spark), spark, runId, started, body);
        } finally {
            spark.stop();
        }
    }

    private static <T> T committed(RunDirectory run, SparkSession spark, String runId, Instant started, Body<T> body)
            throws IOException {
        try (RunStop stop = RunStop.guard(spark, run)) {
            try {
                T result = body.run(spark, run, runId, started);
                stop.commit();
                return result;
            } catch (Exception | OutOfMemoryError e) {
                // Exception, not only RuntimeException: Spark's jobs throw its checked SparkException unchecked;
                // a driver out of heap has dropped the work's arrays by the time it gets here, and is marked too
                if (e instanceof QuarantinedInputException q) {
                    keepQuarantine(q, spark, run, runId);
                }
                stop.fail(e);
                throw e;
            }
        }
    }

    /** Stages the quarantine of input found unusable, for the failed run to keep beside its marker. */
    private static void keepQuarantine(QuarantinedInputException e, SparkSession spark, RunDirectory run,
                                       String runId) {
        try {
            if (!run.hasStaged(Tables.QUARANTINE)) {
                e.writeQuarantine(spark, runId, run.path(Tables.QUARANTINE));
            }
        } catch (IOException | RuntimeException unwritten) {
            e.addSuppressed(unwritten);
        }
    }
}

package org.sparklstm.jobs;

import java.io.IOException;
import java.time.Instant;
import org.apache.spark.sql.SparkSession;
import org.sparklstm.pipeline.io.RunDirectory;

/**
 * A job's lifetime: a SparkSession, a run id and a staging run directory that is moved into place
 * only when the body succeeds (and removed when it fails), the session stopped either way.
 */
final class NewRun {

    /** The work of one run, writing into {@code run}'s staging paths. */
    interface Body<T> {
        T run(SparkSession spark, RunDirectory run, String runId, Instant started) throws IOException;
    }

    private NewRun() {
    }

    static <T> T in(JobConfig.Spark sparkConfig, String outputPath, Body<T> body) throws IOException {
        SparkSession spark = Sessions.create(sparkConfig);
        try {
            Instant started = Instant.now();
            String runId = RunIds.of(started);
            RunDirectory run = RunDirectory.begin(outputPath, runId, spark.sparkContext().hadoopConfiguration());
            try {
                T result = body.run(spark, run, runId, started);
                run.commit();
                return result;
            } catch (RuntimeException | IOException e) {
                run.abandon();
                throw e;
            }
        } finally {
            spark.stop();
        }
    }
}

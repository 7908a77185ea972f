package org.sparklstm.ml;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.sparklstm.pipeline.flow.TrainingRun;
import org.sparklstm.pipeline.io.RunDirectory;
import org.sparklstm.pipeline.io.RunIds;
import org.sparklstm.pipeline.io.Tables;

/**
 * The run directory a {@code fit} trains in, as the command line's {@code train} does: the flow writes its model and
 * tables there, its workers exchange their states there, and its checkpoints stay there. In the estimator's
 * {@code checkpointDir} a fit that stopped is continued from its last checkpoint when the same params fit again;
 * without one the directory is temporary and removed once the model is read back.
 */
final class FitRun {

    /** What the run records of its params, to continue only a fit of the same params. */
    private static final String PARAMS = "fit-params.json";

    /** Trains in {@code run}, writing the model bundle to its staging paths. */
    interface Body {
        void train(TrainingRun run) throws IOException;
    }

    /** Reads the trained model bundle back. */
    interface Loader<B> {
        B load(Path model, Configuration hadoop) throws IOException;
    }

    private FitRun() {
    }

    static <B> B train(SparkSession spark, String checkpointDir, String paramsJson, Body body, Loader<B> loader) {
        Configuration hadoop = spark.sparkContext().hadoopConfiguration();
        boolean temporary = checkpointDir.isEmpty();
        try {
            String path = temporary ? temporaryDirectory(spark) : checkpointDir;
            RunDirectory run = open(new Path(path), paramsJson, hadoop);
            Instant started = Instant.now();
            try {
                body.train(new TrainingRun(spark, run, RunIds.of(started), started, paramsJson));
                run.commit();
            } catch (RuntimeException | IOException e) {
                run.fail(e);
                throw e;
            }
            B model = loader.load(new Path(run.finalPath(Tables.MODEL)), hadoop);
            if (temporary) {
                new Path(path).getFileSystem(hadoop).delete(new Path(path), true);
            }
            return model;
        } catch (IOException e) {
            throw new IllegalStateException("fit failed: " + e.getMessage(), e);
        }
    }

    /** The unfinished run of the same params continued, or a new run (never over a directory that is no run). */
    private static RunDirectory open(Path dir, String paramsJson, Configuration hadoop) throws IOException {
        FileSystem fs = dir.getFileSystem(hadoop);
        Path params = new Path(dir, PARAMS);
        if (RunDirectory.holdsUnfinishedRun(dir, hadoop) && fs.exists(params)
                && RunDirectory.readText(params, hadoop).equals(paramsJson)
                && fs.exists(new Path(dir, RunDirectory.CHECKPOINTS))) {
            return RunDirectory.reopen(dir.toString(), hadoop);
        }
        boolean run = fs.exists(params) || fs.exists(new Path(dir, RunDirectory.SUCCESS))
                || RunDirectory.holdsUnfinishedRun(dir, hadoop);
        if (fs.exists(dir) && fs.listStatus(dir).length > 0 && !run) {
            throw new IllegalArgumentException("checkpointDir: '" + dir + "' holds files that are no fit's run; "
                    + "choose an empty or new directory");
        }
        RunDirectory directory = RunDirectory.begin(dir.toString(), hadoop);
        directory.writeText(PARAMS, paramsJson);
        return directory;
    }

    /**
     * A new directory for one fit: under the JVM's temporary directory on a local master (driver and executors
     * share it), else under SparkContext's checkpoint directory, which every executor reaches.
     */
    private static String temporaryDirectory(SparkSession spark) throws IOException {
        if (spark.sparkContext().isLocal()) {
            return Files.createTempDirectory("spark-lstm-fit-").toUri().toString();
        }
        if (spark.sparkContext().getCheckpointDir().isEmpty()) {
            throw new IllegalArgumentException("checkpointDir: not set, and the SparkContext has no checkpoint "
                    + "directory: on a cluster the fit's workers exchange their states through a directory that "
                    + "every executor reaches; set checkpointDir or SparkContext.setCheckpointDir");
        }
        return new Path(spark.sparkContext().getCheckpointDir().get(), "spark-lstm-fit-"
                + RunIds.of(Instant.now())).toString();
    }
}

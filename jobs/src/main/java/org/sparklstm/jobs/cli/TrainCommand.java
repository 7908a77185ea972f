package org.sparklstm.jobs.cli;

import java.io.IOException;
import java.io.PrintStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.sparklstm.jobs.config.JobConfig;
import org.sparklstm.pipeline.flow.TrainingFlow;
import org.sparklstm.pipeline.flow.TrainingInputs;
import org.sparklstm.pipeline.flow.TrainingRun;
import org.sparklstm.pipeline.io.HadoopConf;
import org.sparklstm.pipeline.io.RunDirectory;

/**
 * {@code train}: resolve the inputs and check the run directory before Spark starts, run the task's
 * training flow in a new run, and name the outputs.
 */
public final class TrainCommand {

    private TrainCommand() {
    }

    /** Trains the config's task; returns its flow's result. */
    public static Object run(JobConfig config, boolean overwrite, PrintStream out) throws IOException {
        return train(TrainingFlows.of(config, out), config, overwrite, out);
    }

    static <R> R train(TrainingFlow<?, ?, R> flow, JobConfig config, boolean overwrite, PrintStream out)
            throws IOException {
        Configuration hadoop = HadoopConf.forJobs();
        TrainingInputs inputs = flow.resolveInputs(hadoop);
        RunDirectory.checkWritable("output.path", config.outputPath(), overwrite, hadoop);
        R result = NewRun.training(config, inputs.files(), (spark, run, runId, started) ->
                flow.train(new TrainingRun(spark, run, runId, started, config.resolvedJson()), inputs));
        printOutputs(flow, config.outputPath(), out);
        return result;
    }

    /** Continues the unfinished run in {@code runDirectory} from its last checkpoint (see {@link ResumeCommand}). */
    static void resume(JobConfig config, String runDirectory, RunManifest manifest, PrintStream out)
            throws IOException {
        TrainingFlow<?, ?, ?> flow = TrainingFlows.of(config, out);
        TrainingInputs inputs = flow.resolveInputs(HadoopConf.forJobs());
        manifest.checkSameInputs(inputs.files());
        NewRun.resume(config.spark(), runDirectory, manifest, (spark, run, runId, started) ->
                flow.train(new TrainingRun(spark, run, runId, started, config.resolvedJson()), inputs));
        printOutputs(flow, runDirectory, out);
    }

    private static void printOutputs(TrainingFlow<?, ?, ?> flow, String runDirectory, PrintStream out) {
        out.println("outputs in " + new Path(runDirectory) + ": " + flow.outputs());
    }
}

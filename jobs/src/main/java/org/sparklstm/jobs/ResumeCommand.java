package org.sparklstm.jobs;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.sparklstm.pipeline.ingest.InputFiles;

/**
 * {@code train --resume DIR}: the unfinished run in DIR, with the config and run id it began with, from
 * its last checkpoint, on the same input files (refused if they changed).
 */
final class ResumeCommand {

    private ResumeCommand() {
    }

    static void run(String runDirectory, List<String> sparkSets, PrintStream out) throws IOException {
        Configuration hadoop = HadoopConf.forJobs();
        RunManifest manifest = RunManifest.read(runDirectory, hadoop);
        JobConfig config = ConfigLoader.loadSaved(manifest.config(), sparkSets);
        List<FileStatus> files = InputFiles.resolve("input.path", config.inputPath(), hadoop);
        manifest.checkSameInputs(files);
        switch (config.task()) {
            case "forecast" -> new ForecastTrainJob(config, false, out).resume(runDirectory, manifest, files);
            case "classify" -> new ClassifyTrainJob(config, false, out).resume(runDirectory, manifest, files);
            default -> new TrainJob(config, false, out).resume(runDirectory, manifest, files);
        }
    }
}

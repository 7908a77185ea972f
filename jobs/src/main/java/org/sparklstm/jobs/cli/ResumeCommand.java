package org.sparklstm.jobs.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import org.sparklstm.jobs.config.ConfigLoader;
import org.sparklstm.jobs.config.JobConfig;
import org.sparklstm.pipeline.io.HadoopConf;

/**
 * {@code train --resume DIR}: the unfinished run in DIR, with the config and run id it began with, from
 * its last checkpoint, on the same input files (refused if they changed).
 */
final class ResumeCommand {

    private ResumeCommand() {
    }

    static void run(String runDirectory, List<String> sparkSets, PrintStream out) throws IOException {
        RunManifest manifest = RunManifest.read(runDirectory, HadoopConf.forJobs());
        JobConfig config = ConfigLoader.loadSaved(manifest.config(), sparkSets);
        TrainCommand.resume(config, runDirectory, manifest, out);
    }
}

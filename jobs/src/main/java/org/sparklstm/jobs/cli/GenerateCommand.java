package org.sparklstm.jobs.cli;

import java.io.IOException;
import org.apache.hadoop.fs.Path;
import org.sparklstm.jobs.config.JobConfig;
import org.sparklstm.models.lm.ModelBundle;
import org.sparklstm.pipeline.io.HadoopConf;

/** {@code generate}: samples text from a saved model with the prompt, length, temperature and seed. Needs no Spark. */
final class GenerateCommand {

    private GenerateCommand() {
    }

    static String run(JobConfig.Generate g) throws IOException {
        return g.sampling().generate(ModelBundle.load(new Path(g.modelPath()), HadoopConf.forJobs()));
    }
}

package org.sparklstm.jobs.cli;

import java.io.PrintStream;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.sparklstm.jobs.config.JobConfig;
import org.sparklstm.pipeline.ingest.InputException;
import org.sparklstm.pipeline.io.CsvPrinter;
import org.sparklstm.pipeline.io.HadoopConf;
import org.sparklstm.pipeline.io.RunDirectory;

/** {@code show PATH [--limit N]}: any table the system writes, as CSV on standard output. */
final class ShowCommand {

    private ShowCommand() {
    }

    static void run(String path, int limit, PrintStream out) throws Exception {
        Path p = new Path(path);
        org.apache.hadoop.conf.Configuration hadoop = HadoopConf.forJobs();
        if (!p.getFileSystem(hadoop).exists(p)) {
            throw new InputException("show: '" + path + "' does not exist");
        }
        if (RunDirectory.holdsUnfinishedRun(p.getParent(), hadoop)) {
            System.err.println("warning: " + p.getParent() + " has no " + RunDirectory.SUCCESS
                    + ": its run did not finish, so this table may be incomplete");
        }
        SparkSession spark = Sessions.create(new JobConfig.Spark("local[1]", "spark-lstm show"));
        try {
            CsvPrinter.print(spark.read().parquet(path), limit, out);
        } finally {
            spark.stop();
        }
    }
}

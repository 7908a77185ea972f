package org.sparklstm.jobs;

import java.io.PrintStream;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.sparklstm.pipeline.ingest.InputException;
import org.sparklstm.pipeline.io.CsvPrinter;

/** {@code show PATH [--limit N]}: any table the system writes, as CSV on standard output. */
final class ShowCommand {

    private ShowCommand() {
    }

    static void run(String path, int limit, PrintStream out) throws Exception {
        Path p = new Path(path);
        if (!p.getFileSystem(HadoopConf.forJobs()).exists(p)) {
            throw new InputException("show: '" + path + "' does not exist");
        }
        SparkSession spark = Sessions.create(new JobConfig.Spark("local[1]", "spark-lstm show"));
        try {
            CsvPrinter.print(spark.read().parquet(path), limit, out);
        } finally {
            spark.stop();
        }
    }
}

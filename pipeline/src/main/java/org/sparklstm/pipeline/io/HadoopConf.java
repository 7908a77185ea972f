package org.sparklstm.pipeline.io;

import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkEnv;
import scala.Tuple2;

/**
 * The Hadoop configuration a job's SparkSession will have, for the paths a job checks and reads
 * before (or without) starting one: the Hadoop site files plus every {@code spark.hadoop.*} setting
 * (spark-submit's {@code --conf spark.hadoop.fs.defaultFS=...}, object store credentials), so that a
 * path names the same file system before the session and inside it.
 */
public final class HadoopConf {

    private static final String PREFIX = "spark.hadoop.";

    private HadoopConf() {
    }

    public static Configuration forJobs() {
        return of(new SparkConf());
    }

    /**
     * The same configuration inside an executor, from the application's Spark configuration: what a task needs to
     * open files on the run's file system. One per JVM, since building one reads the site files.
     */
    public static Configuration onExecutor() {
        return ExecutorConf.HADOOP;
    }

    private static final class ExecutorConf {
        static final Configuration HADOOP = of(SparkEnv.get().conf());
    }

    static Configuration of(SparkConf spark) {
        Configuration hadoop = new Configuration();
        for (Tuple2<String, String> setting : spark.getAllWithPrefix(PREFIX)) {
            hadoop.set(setting._1(), setting._2(), "spark conf " + PREFIX + setting._1());
        }
        return hadoop;
    }
}

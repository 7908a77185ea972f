package org.sparklstm.jobs.cli;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.sparklstm.jobs.config.JobConfig;
import org.sparklstm.pipeline.io.KryoRecords;

/** Builds the SparkSession of a job; a master set by spark-submit wins over the config's. */
public final class Sessions {

    private Sessions() {
    }

    public static SparkSession create(JobConfig.Spark spark) {
        SparkConf conf = new SparkConf();
        if (!conf.contains("spark.master")) {
            conf.setMaster(spark.master());
        }
        conf.setAppName(spark.appName())
                // one BLAS thread per task slot: more only contend for the same cores
                .setIfMissing("spark.executorEnv.OMP_NUM_THREADS", "1")
                .setIfMissing("spark.ui.showConsoleProgress", "false")
                .setIfMissing("spark.sql.shuffle.partitions", "8")
                // takes effect only where spark.serializer is Kryo
                .setIfMissing("spark.kryo.registrator", KryoRecords.class.getName());
        return SparkSession.builder().config(conf).getOrCreate();
    }
}

package org.sparklstm.pipeline.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

class HadoopConfTest {

    @Test
    void sparkHadoopSettingsReachTheHadoopConfiguration() {
        Configuration hadoop = HadoopConf.of(new SparkConf(false)
                .set("spark.hadoop.fs.defaultFS", "hdfs://namenode:8020")
                .set("spark.hadoop.dfs.replication", "2")
                .set("spark.executor.memory", "2g"));
        assertEquals("hdfs://namenode:8020", hadoop.get("fs.defaultFS"));
        assertEquals(2, hadoop.getInt("dfs.replication", 3));
        assertEquals(null, hadoop.get("spark.executor.memory"));
        assertEquals(null, hadoop.get("executor.memory"));
    }
}

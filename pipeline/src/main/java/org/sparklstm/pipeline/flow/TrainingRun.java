package org.sparklstm.pipeline.flow;

import java.time.Instant;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.sparklstm.pipeline.io.RunDirectory;
import org.sparklstm.pipeline.train.RoundFiles;

/**
 * One training run in progress: its session, its run directory (outputs go to its staging paths), its
 * id and start time, and the resolved configuration it records.
 */
public record TrainingRun(SparkSession spark, RunDirectory directory, String runId, Instant started,
                          String configJson) {

    public JavaSparkContext sc() {
        return JavaSparkContext.fromSparkContext(spark.sparkContext());
    }

    public Configuration hadoop() {
        return spark.sparkContext().hadoopConfiguration();
    }

    /** Where parameter averaging's rounds leave their states: the run's scratch directory, which every ending removes. */
    public RoundFiles roundFiles() {
        return new RoundFiles(directory.scratch("rounds"), hadoop());
    }

    /** Where a table or the model of this run is written until the run succeeds. */
    public String path(String name) {
        return directory.path(name);
    }
}

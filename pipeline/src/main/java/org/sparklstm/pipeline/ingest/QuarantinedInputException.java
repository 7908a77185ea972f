package org.sparklstm.pipeline.ingest;

import org.apache.spark.sql.SparkSession;

/**
 * Input found unusable after some of it was quarantined (all of it, or more than {@code input.max-quarantine-fraction}):
 * the exception carries how to write the quarantined records, so a failed run keeps them beside its {@code _FAILED}
 * marker and the reasons can be read with {@code show}.
 */
public class QuarantinedInputException extends InputException {

    /** Writes the quarantined records as a run's quarantine table. */
    public interface Table {
        void write(SparkSession spark, String runId, String path);
    }

    private final transient Table quarantine;

    public QuarantinedInputException(String message, Table quarantine) {
        super(message);
        this.quarantine = quarantine;
    }

    public void writeQuarantine(SparkSession spark, String runId, String path) {
        quarantine.write(spark, runId, path);
    }
}

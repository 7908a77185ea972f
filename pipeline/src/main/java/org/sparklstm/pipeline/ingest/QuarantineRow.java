package org.sparklstm.pipeline.ingest;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.SparkSession;
import org.sparklstm.pipeline.io.RecordTable;
import org.sparklstm.pipeline.io.Tables;

/** A row of a text run's {@code quarantine} table: a record left out, where it was, and why. */
public record QuarantineRow(String runId, String file, long offset, String reason, String excerpt) {

    public static final RecordTable<QuarantineRow> TABLE = RecordTable.of(QuarantineRow.class);

    /** Writes the quarantined records from the executors (they are never collected to the driver). */
    public static void write(SparkSession spark, String runId, JavaRDD<QuarantineRecord> records, String path) {
        Tables.write(TABLE.frame(spark, records.map(q -> new QuarantineRow(runId, q.file(), q.offset(), q.reason(),
                q.excerpt()))).coalesce(1), path);
    }
}

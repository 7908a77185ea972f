package org.sparklstm.pipeline.ingest;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.SparkSession;
import org.sparklstm.pipeline.io.RecordTable;
import org.sparklstm.pipeline.io.Tables;

/** A row of a table run's {@code quarantine} table (series or labelled texts): the row left out and why. */
public record RowQuarantineRow(String runId, String file, long row, String column, String reason, String excerpt) {

    public static final RecordTable<RowQuarantineRow> TABLE = RecordTable.of(RowQuarantineRow.class);

    /** Writes the rows left out from the executors (they are never collected to the driver). */
    public static void write(SparkSession spark, String runId, JavaRDD<RowProblem> problems, String path) {
        Tables.write(TABLE.frame(spark, problems.map(p -> new RowQuarantineRow(runId, p.file(), p.row(), p.column(),
                p.reason(), p.excerpt()))).coalesce(1), path);
    }
}

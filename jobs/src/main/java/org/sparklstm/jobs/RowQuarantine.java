package org.sparklstm.jobs;

import org.sparklstm.pipeline.ingest.RowProblem;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.sparklstm.pipeline.io.Tables;


/** Writes the input rows left out (series or texts), from the executors, as the run's quarantine table. */
final class RowQuarantine {

    private RowQuarantine() {
    }

    static void write(SparkSession spark, String runId, JavaRDD<RowProblem> problems, String path) {
        JavaRDD<Row> rows = problems.map(p -> RowFactory.create(runId, p.file(), p.row(), p.column(), p.reason(),
                p.excerpt()));
        Tables.write(spark.createDataFrame(rows, Tables.ROW_QUARANTINE_SCHEMA).coalesce(1), path);
    }
}

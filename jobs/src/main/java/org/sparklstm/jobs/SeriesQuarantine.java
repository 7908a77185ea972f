package org.sparklstm.jobs;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.sparklstm.pipeline.io.Tables;
import org.sparklstm.pipeline.series.RowProblem;

/** Writes the rows left out of the series, from the executors, as the run's quarantine table. */
final class SeriesQuarantine {

    private SeriesQuarantine() {
    }

    static void write(SparkSession spark, String runId, JavaRDD<RowProblem> problems, String path) {
        JavaRDD<Row> rows = problems.map(p -> RowFactory.create(runId, p.file(), p.row(), p.column(), p.reason(),
                p.excerpt()));
        Tables.write(spark.createDataFrame(rows, Tables.SERIES_QUARANTINE_SCHEMA).coalesce(1), path);
    }
}

package org.sparklstm.pipeline.io;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * The names of the tables and the model a run writes, and how small tables are written. Each table's
 * schema is the record of its rows (for example {@code LmRunsRow}); the README documents them.
 */
public final class Tables {

    public static final String METRICS = "metrics";
    public static final String RUNS = "runs";
    public static final String QUARANTINE = "quarantine";
    public static final String EVALUATION = "evaluation";
    public static final String MODEL = "model";
    public static final String FORECASTS = "forecasts";
    public static final String PREDICTIONS = "predictions";
    public static final String WORD2VEC = "word2vec";

    private Tables() {
    }

    /**
     * Writes one table as a run directory of its own ({@code <dir>/<name>}), all or nothing.
     *
     * @return the table's final path
     */
    public static <T extends Record> String writeRun(SparkSession spark, RecordTable<T> table, List<T> rows,
                                                     String dir, String name) throws java.io.IOException {
        RunDirectory run = RunDirectory.begin(dir, spark.sparkContext().hadoopConfiguration());
        try {
            table.write(spark, rows, run.path(name));
            run.commit();
        } catch (RuntimeException e) {
            run.fail(e);
            throw e;
        }
        return run.finalPath(name);
    }

    /** Writes a table from the executors, refusing to replace one. */
    public static void write(Dataset<Row> rows, String path) {
        rows.write().mode(SaveMode.ErrorIfExists).parquet(path);
    }
}

package org.sparklstm.pipeline.io;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** The Parquet tables a run writes; their schemas are documented in the README. */
public final class Tables {

    public static final String METRICS = "metrics";
    public static final String RUNS = "runs";
    public static final String QUARANTINE = "quarantine";
    public static final String EVALUATION = "evaluation";
    public static final String MODEL = "model";
    public static final String FORECASTS = "forecasts";
    public static final String PREDICTIONS = "predictions";
    public static final String WORD2VEC = "word2vec";

    public static final StructType METRICS_SCHEMA = new StructType()
            .add("run_id", DataTypes.StringType, false)
            .add("epoch", DataTypes.IntegerType, false)
            .add("round", DataTypes.IntegerType, false)
            .add("split", DataTypes.StringType, false)
            .add("loss", DataTypes.DoubleType, false)
            .add("perplexity", DataTypes.DoubleType, false)
            .add("bits_per_char", DataTypes.DoubleType, true)
            .add("tokens", DataTypes.LongType, false)
            .add("seconds", DataTypes.DoubleType, false);

    public static final StructType RUNS_SCHEMA = new StructType()
            .add("run_id", DataTypes.StringType, false)
            .add("task", DataTypes.StringType, false)
            .add("start_time", DataTypes.TimestampType, false)
            .add("end_time", DataTypes.TimestampType, false)
            .add("config_json", DataTypes.StringType, false)
            .add("documents", DataTypes.LongType, false)
            .add("tokens", DataTypes.LongType, false)
            .add("vocabulary_size", DataTypes.IntegerType, false)
            .add("quarantined_records", DataTypes.LongType, false)
            .add("train_windows", DataTypes.LongType, false)
            .add("validation_windows", DataTypes.LongType, false)
            .add("epochs", DataTypes.IntegerType, false)
            .add("final_train_loss", DataTypes.DoubleType, false)
            .add("final_validation_loss", DataTypes.DoubleType, false)
            .add("final_validation_perplexity", DataTypes.DoubleType, false)
            .add("final_validation_bits_per_char", DataTypes.DoubleType, true)
            .add("baseline_validation_loss", DataTypes.DoubleType, false)
            .add("train_tokens_per_second", DataTypes.DoubleType, false)
            .add("driver_peak_heap_mb", DataTypes.DoubleType, false);

    public static final StructType QUARANTINE_SCHEMA = new StructType()
            .add("run_id", DataTypes.StringType, false)
            .add("file", DataTypes.StringType, false)
            .add("offset", DataTypes.LongType, false)
            .add("reason", DataTypes.StringType, false)
            .add("excerpt", DataTypes.StringType, false);

    public static final StructType EVALUATION_SCHEMA = new StructType()
            .add("run_id", DataTypes.StringType, false)
            .add("model_path", DataTypes.StringType, false)
            .add("input_path", DataTypes.StringType, false)
            .add("tokens", DataTypes.LongType, false)
            .add("loss", DataTypes.DoubleType, false)
            .add("perplexity", DataTypes.DoubleType, false)
            .add("bits_per_char", DataTypes.DoubleType, true)
            .add("baseline_loss", DataTypes.DoubleType, false)
            .add("quarantined_records", DataTypes.LongType, false);

    public static final StructType FORECAST_METRICS_SCHEMA = new StructType()
            .add("run_id", DataTypes.StringType, false)
            .add("epoch", DataTypes.IntegerType, false)
            .add("round", DataTypes.IntegerType, false)
            .add("split", DataTypes.StringType, false)
            .add("loss", DataTypes.DoubleType, true)
            .add("mae", DataTypes.DoubleType, true)
            .add("rmse", DataTypes.DoubleType, true)
            .add("windows", DataTypes.LongType, false)
            .add("seconds", DataTypes.DoubleType, false);

    public static final StructType FORECAST_RUNS_SCHEMA = new StructType()
            .add("run_id", DataTypes.StringType, false)
            .add("task", DataTypes.StringType, false)
            .add("start_time", DataTypes.TimestampType, false)
            .add("end_time", DataTypes.TimestampType, false)
            .add("config_json", DataTypes.StringType, false)
            .add("series", DataTypes.LongType, false)
            .add("rows", DataTypes.LongType, false)
            .add("quarantined_records", DataTypes.LongType, false)
            .add("missing_values", DataTypes.LongType, false)
            .add("filled_values", DataTypes.LongType, false)
            .add("dropped_windows", DataTypes.LongType, false)
            .add("train_windows", DataTypes.LongType, false)
            .add("validation_windows", DataTypes.LongType, false)
            .add("epochs", DataTypes.IntegerType, false)
            .add("final_train_loss", DataTypes.DoubleType, false)
            .add("final_validation_mae", DataTypes.DoubleType, true)
            .add("test_mae", DataTypes.DoubleType, true)
            .add("test_naive_mae", DataTypes.DoubleType, true)
            .add("test_seasonal_naive_mae", DataTypes.DoubleType, true)
            .add("train_windows_per_second", DataTypes.DoubleType, false)
            .add("driver_peak_heap_mb", DataTypes.DoubleType, false);

    public static final StructType FORECAST_EVALUATION_SCHEMA = new StructType()
            .add("run_id", DataTypes.StringType, false)
            .add("series_id", DataTypes.StringType, false)
            .add("split", DataTypes.StringType, false)
            .add("target", DataTypes.StringType, false)
            .add("horizon_step", DataTypes.IntegerType, false)
            .add("method", DataTypes.StringType, false)
            .add("n", DataTypes.LongType, false)
            .add("mae", DataTypes.DoubleType, false)
            .add("rmse", DataTypes.DoubleType, false)
            .add("mase", DataTypes.DoubleType, true)
            .add("smape", DataTypes.DoubleType, false);

    public static final StructType FORECASTS_SCHEMA = new StructType()
            .add("run_id", DataTypes.StringType, false)
            .add("series_id", DataTypes.StringType, false)
            .add("split", DataTypes.StringType, false)
            .add("target", DataTypes.StringType, false)
            .add("origin_time", DataTypes.StringType, false)
            .add("target_time", DataTypes.StringType, true)
            .add("horizon_step", DataTypes.IntegerType, false)
            .add("forecast", DataTypes.DoubleType, false)
            .add("actual", DataTypes.DoubleType, true);

    public static final StructType CLASSIFY_METRICS_SCHEMA = new StructType()
            .add("run_id", DataTypes.StringType, false)
            .add("epoch", DataTypes.IntegerType, false)
            .add("round", DataTypes.IntegerType, false)
            .add("split", DataTypes.StringType, false)
            .add("loss", DataTypes.DoubleType, false)
            .add("accuracy", DataTypes.DoubleType, true)
            .add("rows", DataTypes.LongType, false)
            .add("seconds", DataTypes.DoubleType, false);

    public static final StructType CLASSIFY_RUNS_SCHEMA = new StructType()
            .add("run_id", DataTypes.StringType, false)
            .add("task", DataTypes.StringType, false)
            .add("start_time", DataTypes.TimestampType, false)
            .add("end_time", DataTypes.TimestampType, false)
            .add("config_json", DataTypes.StringType, false)
            .add("classes", DataTypes.IntegerType, false)
            .add("vocabulary_size", DataTypes.IntegerType, false)
            .add("quarantined_records", DataTypes.LongType, false)
            .add("train_rows", DataTypes.LongType, false)
            .add("validation_rows", DataTypes.LongType, false)
            .add("test_rows", DataTypes.LongType, false)
            .add("word2vec_rows", DataTypes.IntegerType, false)
            .add("epochs", DataTypes.IntegerType, false)
            .add("final_train_loss", DataTypes.DoubleType, false)
            .add("validation_accuracy", DataTypes.DoubleType, true)
            .add("test_accuracy", DataTypes.DoubleType, true)
            .add("test_macro_f1", DataTypes.DoubleType, true)
            .add("test_roc_auc", DataTypes.DoubleType, true)
            .add("test_majority_accuracy", DataTypes.DoubleType, true)
            .add("train_rows_per_second", DataTypes.DoubleType, false)
            .add("driver_peak_heap_mb", DataTypes.DoubleType, false);

    public static final StructType CLASSIFY_EVALUATION_SCHEMA = new StructType()
            .add("run_id", DataTypes.StringType, false)
            .add("split", DataTypes.StringType, false)
            .add("metric", DataTypes.StringType, false)
            .add("class", DataTypes.StringType, true)
            .add("predicted_class", DataTypes.StringType, true)
            .add("value", DataTypes.DoubleType, true);

    public static final StructType PREDICTIONS_SCHEMA = new StructType()
            .add("run_id", DataTypes.StringType, false)
            .add("row_id", DataTypes.StringType, false)
            .add("label", DataTypes.StringType, true)
            .add("predicted_label", DataTypes.StringType, false)
            .add("probabilities", DataTypes.createMapType(DataTypes.StringType, DataTypes.DoubleType, false), false);

    public static final StructType ROW_QUARANTINE_SCHEMA = new StructType()
            .add("run_id", DataTypes.StringType, false)
            .add("file", DataTypes.StringType, false)
            .add("row", DataTypes.LongType, false)
            .add("column", DataTypes.StringType, false)
            .add("reason", DataTypes.StringType, false)
            .add("excerpt", DataTypes.StringType, false);

    private Tables() {
    }

    /**
     * Writes one table as a run directory of its own ({@code <dir>/<name>}), all or nothing.
     *
     * @return the table's final path
     */
    public static String writeRun(SparkSession spark, List<Row> rows, StructType schema, String dir, String name)
            throws java.io.IOException {
        RunDirectory run = RunDirectory.begin(dir, spark.sparkContext().hadoopConfiguration());
        try {
            write(spark, rows, schema, run.path(name));
            run.commit();
        } catch (RuntimeException e) {
            run.fail(e);
            throw e;
        }
        return run.finalPath(name);
    }

    /** Writes small driver-side rows as one Parquet file. */
    public static void write(SparkSession spark, List<Row> rows, StructType schema, String path) {
        spark.createDataFrame(rows, schema).coalesce(1).write().mode(SaveMode.ErrorIfExists).parquet(path);
    }

    public static void write(Dataset<Row> rows, String path) {
        rows.write().mode(SaveMode.ErrorIfExists).parquet(path);
    }
}

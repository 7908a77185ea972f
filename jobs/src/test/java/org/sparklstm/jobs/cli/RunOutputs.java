package org.sparklstm.jobs.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.sparklstm.models.forecast.ForecastBundle;
import org.sparklstm.models.lm.ModelBundle;
import org.sparklstm.models.train.NetworkState;

/** A finished run directory read back in the test's JVM: its tables and its trained network's state. */
record RunOutputs(Path dir) {

    boolean tableWritten(String table) {
        return Files.exists(dir.resolve(table).resolve("_SUCCESS"));
    }

    ModelBundle languageModel() throws IOException {
        return ModelBundle.load(hadoopPath("model"), new Configuration());
    }

    ForecastBundle forecastModel() throws IOException {
        return ForecastBundle.load(hadoopPath("model"), new Configuration());
    }

    /** Parameters, Adam state and iteration count of the language model. */
    NetworkState languageModelState() throws IOException {
        return NetworkState.capture(languageModel().network());
    }

    NetworkState forecastModelState() throws IOException {
        return NetworkState.capture(forecastModel().network());
    }

    /**
     * A table's rows without the columns that differ between two runs of the same job (run id, times),
     * in a stable order, as text that shows every value in full.
     */
    List<String> rows(SparkSession spark, String table, String... orderBy) {
        var df = spark.read().parquet(dir.resolve(table).toString());
        Column[] kept = Arrays.stream(df.columns())
                .filter(c -> !List.of("run_id", "seconds", "start_time", "end_time", "config_json",
                        "train_tokens_per_second", "train_windows_per_second", "driver_peak_heap_mb").contains(c))
                .map(df::col).toArray(Column[]::new);
        return df.select(kept).orderBy(Arrays.stream(orderBy).map(df::col).toArray(Column[]::new)).collectAsList()
                .stream().map(RunOutputs::text).toList();
    }

    private static String text(Row row) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < row.length(); i++) {
            Object v = row.get(i);
            // the shortest text that reads back as the same double: equal text, equal bits
            s.append(i == 0 ? "" : ", ").append(row.schema().fields()[i].name()).append('=')
                    .append(v instanceof Double d ? Double.toString(d) : String.valueOf(v));
        }
        return s.toString();
    }

    private org.apache.hadoop.fs.Path hadoopPath(String child) {
        return new org.apache.hadoop.fs.Path(dir.resolve(child).toUri());
    }
}

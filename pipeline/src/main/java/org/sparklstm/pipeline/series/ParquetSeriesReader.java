package org.sparklstm.pipeline.series;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.sparklstm.models.forecast.SeriesColumns;

/**
 * Reads Parquet files; each cell is read as text and parsed like a CSV cell, so both formats accept
 * and reject the same values. Rows are numbered from 1 within their file (Spark's row index).
 */
final class ParquetSeriesReader {

    private ParquetSeriesReader() {
    }

    static JavaRDD<ParsedRow> read(SparkSession spark, List<String> files, SeriesColumns columns,
                                   boolean missingIsFatal) {
        Dataset<Row> table = spark.read().parquet(files.toArray(String[]::new));
        List<String> present = Arrays.asList(table.columns());
        List<String> wanted = new ArrayList<>(columns.values());
        wanted.add(0, columns.time());
        if (columns.panel()) {
            wanted.add(0, columns.seriesId());
        }
        for (String name : wanted) {
            if (!present.contains(name)) {
                throw new org.sparklstm.pipeline.ingest.InputException(String.join(",", files) + ": column '" + name
                        + "': no such column; the table has " + present);
            }
        }
        List<Column> selected = new ArrayList<>();
        selected.add(col("_metadata.file_path"));
        selected.add(col("_metadata.row_index"));
        for (String name : wanted) {
            selected.add(col(name).cast(DataTypes.StringType));
        }
        CellParser parser = new CellParser(columns, missingIsFatal);
        boolean panel = columns.panel();
        int values = columns.values().size();
        return table.select(selected.toArray(Column[]::new)).javaRDD().map(r -> {
            int first = panel ? 3 : 2;
            List<String> cells = new ArrayList<>(values);
            for (int c = 0; c < values; c++) {
                cells.add(r.getString(first + 1 + c));
            }
            String excerpt = r.toString();
            return parser.parse(panel ? r.getString(2) : null, r.getString(first), cells, r.getString(0),
                    r.getLong(1) + 1, excerpt.length() > 120 ? excerpt.substring(0, 120) + "..." : excerpt);
        });
    }
}

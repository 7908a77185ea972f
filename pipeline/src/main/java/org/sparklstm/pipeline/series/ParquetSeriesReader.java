package org.sparklstm.pipeline.series;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.sparklstm.models.forecast.SeriesColumns;
import org.sparklstm.pipeline.ingest.InputException;

/**
 * Reads Parquet files, or a DataFrame already loaded; each cell is read as text and parsed like a CSV
 * cell, so every input accepts and rejects the same values. Rows are numbered from 1 within their file
 * (Spark's row index), or within the DataFrame in its order.
 */
final class ParquetSeriesReader {

    private static final int EXCERPT = 120;

    private ParquetSeriesReader() {
    }

    static JavaRDD<ParsedRow> read(SparkSession spark, List<String> files, SeriesColumns columns,
                                   boolean missingIsFatal) {
        Dataset<Row> table = spark.read().parquet(files.toArray(String[]::new));
        List<Column> selected = new ArrayList<>();
        selected.add(col("_metadata.file_path"));
        selected.add(col("_metadata.row_index").plus(lit(1L)));
        selected.addAll(cells(table, String.join(",", files), columns));
        return parse(table.select(selected.toArray(Column[]::new)).javaRDD(), columns, missingIsFatal);
    }

    /** A DataFrame's rows, named {@code source} in problems and numbered from 1 in the DataFrame's order. */
    static JavaRDD<ParsedRow> read(Dataset<?> frame, String source, SeriesColumns columns, boolean missingIsFatal) {
        JavaRDD<Row> numbered = frame.select(cells(frame, source, columns).toArray(Column[]::new)).javaRDD()
                .zipWithIndex().map(t -> {
                    Object[] values = new Object[t._1().length() + 2];
                    values[0] = source;
                    values[1] = t._2() + 1;
                    for (int c = 0; c < t._1().length(); c++) {
                        values[c + 2] = t._1().get(c);
                    }
                    return RowFactory.create(values);
                });
        return parse(numbered, columns, missingIsFatal);
    }

    /** The id (for a panel), time and value columns as text, after checking that the table has them. */
    private static List<Column> cells(Dataset<?> table, String source, SeriesColumns columns) {
        List<String> present = Arrays.asList(table.columns());
        List<String> wanted = new ArrayList<>(columns.values());
        wanted.add(0, columns.time());
        if (columns.panel()) {
            wanted.add(0, columns.seriesId());
        }
        List<Column> selected = new ArrayList<>();
        for (String name : wanted) {
            if (!present.contains(name)) {
                throw new InputException(source + ": column '" + name + "': no such column; the table has "
                        + present);
            }
            selected.add(col(name).cast(DataTypes.StringType));
        }
        return selected;
    }

    /** Rows of {@code [source, row number, id (panel only), time, values...]}, parsed. */
    private static JavaRDD<ParsedRow> parse(JavaRDD<Row> rows, SeriesColumns columns, boolean missingIsFatal) {
        CellParser parser = new CellParser(columns, missingIsFatal);
        boolean panel = columns.panel();
        int values = columns.values().size();
        return rows.map(r -> {
            int first = panel ? 3 : 2;
            List<String> cells = new ArrayList<>(values);
            for (int c = 0; c < values; c++) {
                cells.add(r.getString(first + 1 + c));
            }
            String excerpt = r.toString();
            return parser.parse(panel ? r.getString(2) : null, r.getString(first), cells, r.getString(0),
                    r.getLong(1), excerpt.length() > EXCERPT ? excerpt.substring(0, EXCERPT) + "..." : excerpt);
        });
    }
}

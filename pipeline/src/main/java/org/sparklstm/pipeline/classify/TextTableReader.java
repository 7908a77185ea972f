package org.sparklstm.pipeline.classify;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.input.PortableDataStream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.util.TaskCompletionListener;
import org.sparklstm.pipeline.ingest.CsvFile;
import org.sparklstm.pipeline.ingest.CsvRecords;
import org.sparklstm.pipeline.ingest.InputException;
import org.sparklstm.pipeline.ingest.RowProblem;

/**
 * Reads labelled texts from CSV (a header row; RFC 4180 records, whose quoted fields may hold line breaks; one
 * task per file so each row is named by the line its record starts on, the header being row 1) or Parquet (rows numbered from 1 per file). A row
 * without text, or without a label when labels are read, is a problem naming file, row and column.
 */
public final class TextTableReader {

    private static final int EXCERPT = 80;

    private TextTableReader() {
    }

    /** @param encoding the charset of CSV files ({@code input.encoding}); Parquet holds decoded text */
    public static JavaRDD<ParsedText> read(SparkSession spark, List<String> files, TextColumns columns,
                                           String encoding) {
        if (files.stream().allMatch(f -> f.endsWith(".parquet"))) {
            return parquet(spark, files, columns);
        }
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        return sc.binaryFiles(String.join(",", files), files.size())
                .flatMap(f -> csv(f._1(), f._2(), columns, encoding));
    }

    /** The file's rows, read as they are asked for (a file is never held whole); the file closes at its end. */
    static Iterator<ParsedText> csv(String file, PortableDataStream stream, TextColumns columns, String encoding) {
        CsvFile in = CsvFile.open(file, stream, encoding);
        TaskContext task = TaskContext.get();
        if (task != null) {
            task.addTaskCompletionListener((TaskCompletionListener) context -> in.close());
        }
        CsvRecords.Record header = in.header();
        if (header == null || header.unterminated()) {
            in.close();
            return List.of(problem(file, 1, "", header == null ? "empty file: expected a header row"
                    : "unterminated quote in the header row", "", true)).iterator();
        }
        List<String> names = header.cells().stream().map(String::trim).toList();
        int[] index = new int[3];
        String[] wanted = {columns.text(), columns.label(), columns.id()};
        for (int i = 0; i < 3; i++) {
            index[i] = wanted[i].isEmpty() ? -1 : names.indexOf(wanted[i]);
            if (!wanted[i].isEmpty() && index[i] < 0) {
                in.close();
                return List.of(problem(file, 1, wanted[i], "no such column; the header has " + names, "", true))
                        .iterator();
            }
        }
        return new Iterator<>() {
            private ParsedText next = advance();

            private ParsedText advance() {
                CsvRecords.Record record = in.next();
                if (record == null) {
                    in.close();
                    return null;
                }
                return parse(record);
            }

            private ParsedText parse(CsvRecords.Record record) {
                List<String> cells = record.cells();
                String excerpt = record.excerpt(EXCERPT);
                if (record.unterminated()) {
                    return problem(file, record.line(), "", CsvRecords.UNTERMINATED, excerpt, false);
                }
                if (cells.size() != names.size()) {
                    return problem(file, record.line(), "", cells.size() + " cells, the header has " + names.size(),
                            excerpt, false);
                }
                return check(file, record.line(), columns, cells.get(index[0]),
                        index[1] < 0 ? null : cells.get(index[1]), index[2] < 0 ? null : cells.get(index[2]), excerpt);
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public ParsedText next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                ParsedText current = next;
                next = advance();
                return current;
            }
        };
    }

    private static JavaRDD<ParsedText> parquet(SparkSession spark, List<String> files, TextColumns columns) {
        Dataset<Row> table = spark.read().parquet(files.toArray(String[]::new));
        List<String> present = Arrays.asList(table.columns());
        List<Column> selected = new ArrayList<>(List.of(col("_metadata.file_path"), col("_metadata.row_index")));
        for (String name : new String[]{columns.text(), columns.label(), columns.id()}) {
            if (name.isEmpty()) {
                selected.add(org.apache.spark.sql.functions.lit(null).cast(DataTypes.StringType));
                continue;
            }
            if (!present.contains(name)) {
                throw new InputException(String.join(",", files) + ": column '" + name
                        + "': no such column; the table has " + present);
            }
            selected.add(col(name).cast(DataTypes.StringType));
        }
        return table.select(selected.toArray(Column[]::new)).javaRDD().map(r -> {
            String excerpt = r.toString();
            return check(r.getString(0), r.getLong(1) + 1, columns, r.getString(2), r.getString(3), r.getString(4),
                    excerpt.length() > EXCERPT ? excerpt.substring(0, EXCERPT) + "..." : excerpt);
        });
    }

    private static ParsedText check(String file, long row, TextColumns columns, String text, String label, String id,
                                    String excerpt) {
        if (text == null || text.isBlank()) {
            return problem(file, row, columns.text(), "empty text", excerpt, false);
        }
        if (columns.labelled() && (label == null || label.isBlank())) {
            return problem(file, row, columns.label(), "missing label", excerpt, false);
        }
        String rowId = columns.id().isEmpty() || id == null || id.isBlank()
                ? new Path(file).getName() + ":" + row : id.trim();
        return new ParsedText(new LabelledText(rowId, text, label == null ? null : label.trim(), file, row), null);
    }

    private static ParsedText problem(String file, long row, String column, String reason, String excerpt,
                                      boolean fatal) {
        return new ParsedText(null, new RowProblem(file, row, column, reason, excerpt, fatal));
    }
}

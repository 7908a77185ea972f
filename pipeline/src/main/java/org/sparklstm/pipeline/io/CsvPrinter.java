package org.sparklstm.pipeline.io;

import java.io.PrintStream;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Prints a table as CSV (RFC 4180 quoting), header line first. */
public final class CsvPrinter {

    private CsvPrinter() {
    }

    public static void print(Dataset<Row> table, int limit, PrintStream out) {
        String[] columns = table.columns();
        out.println(String.join(",", List.of(columns).stream().map(CsvPrinter::quote).toList()));
        for (Row row : table.limit(limit).collectAsList()) {
            out.println(IntStream.range(0, columns.length)
                    .mapToObj(i -> row.isNullAt(i) ? "" : quote(String.valueOf(row.get(i))))
                    .collect(Collectors.joining(",")));
        }
    }

    public static String quote(String value) {
        if (value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")) {
            return "\"" + value.replace("\"", "\"\"") + "\"";
        }
        return value;
    }
}

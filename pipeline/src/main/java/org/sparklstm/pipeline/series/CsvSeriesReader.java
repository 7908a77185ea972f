package org.sparklstm.pipeline.series;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.input.PortableDataStream;
import org.sparklstm.models.forecast.SeriesColumns;
import org.sparklstm.pipeline.ingest.CsvFile;
import org.sparklstm.pipeline.ingest.CsvRecords;
import org.sparklstm.pipeline.ingest.RowProblem;

/**
 * Reads CSV files with a header row, one task per file so every problem can name its row: the line its record
 * starts on (the header is row 1; a quoted field may hold line breaks). Columns are found by name in the header.
 */
final class CsvSeriesReader {

    private static final int EXCERPT = 120;

    private CsvSeriesReader() {
    }

    /** @param encoding the files' charset ({@code input.encoding}) */
    static JavaRDD<ParsedRow> read(JavaSparkContext sc, List<String> files, SeriesColumns columns,
                                   boolean missingIsFatal, String encoding) {
        CellParser parser = new CellParser(columns, missingIsFatal);
        return sc.binaryFiles(String.join(",", files), files.size())
                .flatMap(f -> parseFile(f._1(), f._2(), columns, parser, encoding).iterator());
    }

    static List<ParsedRow> parseFile(String file, PortableDataStream stream, SeriesColumns columns,
                                     CellParser parser, String encoding) {
        List<ParsedRow> rows = new ArrayList<>();
        try (CsvFile records = CsvFile.open(file, stream, encoding)) {
            CsvRecords.Record header = records.header();
            if (header == null) {
                rows.add(ParsedRow.of(new RowProblem(file, 1, "", "empty file: expected a header row", "", true)));
                return rows;
            }
            if (header.unterminated()) {
                rows.add(ParsedRow.of(new RowProblem(file, 1, "", "unterminated quote in the header row",
                        header.excerpt(EXCERPT), true)));
                return rows;
            }
            List<String> names = header.cells();
            int[] index = columnIndexes(names, columns, file, rows);
            if (index == null) {
                return rows;
            }
            for (CsvRecords.Record record = records.next(); record != null; record = records.next()) {
                long row = record.line();
                String excerpt = record.excerpt(EXCERPT);
                List<String> cells = record.cells();
                if (record.unterminated()) {
                    rows.add(ParsedRow.of(new RowProblem(file, row, "", CsvRecords.UNTERMINATED, excerpt, false)));
                    continue;
                }
                if (cells.size() != names.size()) {
                    rows.add(ParsedRow.of(new RowProblem(file, row, "", cells.size() + " cells, the header has "
                            + names.size(), excerpt, false)));
                    continue;
                }
                List<String> values = new ArrayList<>(index.length - 2);
                for (int c = 2; c < index.length; c++) {
                    values.add(cells.get(index[c]));
                }
                String id = index[0] < 0 ? null : cells.get(index[0]);
                rows.add(parser.parse(id, cells.get(index[1]), values, file, row, excerpt));
            }
        }
        return rows;
    }

    /** {@code [id or -1, time, values...]} positions in the header; null (with a fatal problem) if one is missing. */
    private static int[] columnIndexes(List<String> names, SeriesColumns columns, String file, List<ParsedRow> rows) {
        List<String> trimmed = names.stream().map(String::trim).toList();
        List<String> wanted = new ArrayList<>();
        wanted.add(columns.seriesId());
        wanted.add(columns.time());
        wanted.addAll(columns.values());
        int[] index = new int[wanted.size()];
        for (int i = 0; i < wanted.size(); i++) {
            String name = wanted.get(i);
            index[i] = name.isEmpty() ? -1 : trimmed.indexOf(name);
            if (!name.isEmpty() && index[i] < 0) {
                rows.add(ParsedRow.of(new RowProblem(file, 1, name, "no such column; the header has " + trimmed,
                        "", true)));
                return null;
            }
        }
        return index;
    }
}

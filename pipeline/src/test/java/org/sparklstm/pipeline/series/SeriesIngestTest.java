package org.sparklstm.pipeline.series;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparklstm.models.forecast.SeriesColumns;
import org.sparklstm.pipeline.SparkTestSupport;
import org.sparklstm.pipeline.ingest.InputException;
import org.sparklstm.pipeline.ingest.InputFiles;
import org.sparklstm.pipeline.ingest.RowProblem;

/** Reading series from CSV and Parquet: real data, every kind of bad row, the missing-value policies. */
class SeriesIngestTest extends SparkTestSupport {

    @TempDir
    Path tmp;

    private static final SeriesColumns ONE = new SeriesColumns("time", List.of("value"), List.of("value"), "");
    private static final SeriesColumns PANEL = new SeriesColumns("date", List.of("a", "b"), List.of("a"), "shop");

    private SeriesIngest.Result read(String path, SeriesColumns columns, MissingValues missing, boolean quarantine) {
        return SeriesIngest.read(spark, InputFiles.resolve("input.path", path, new Configuration()),
                new SeriesIngest.Settings(columns, SeriesFormat.AUTO, missing, quarantine), 2);
    }

    private String csv(String name, String... lines) throws IOException {
        Path p = tmp.resolve(name);
        Files.writeString(p, String.join("\n", lines) + "\n");
        return p.toString();
    }

    @Test
    void readsTheRealSunspotSeriesInTimeOrder() {
        SeriesIngest.Result r = read(DATA_SAMPLES.resolve("sunspot.month.csv").toString(), ONE, MissingValues.FAIL,
                false);
        assertEquals(1, r.seriesCount());
        assertEquals(3177, r.rows());
        Series s = r.series().first();
        assertEquals(1749.0, s.times()[0]);
        assertEquals(58.0, s.values()[0][0]);
        assertEquals(62.6, s.values()[1][0]);
        assertEquals("1749.0833", s.timeTexts()[1]);
        assertEquals(0, r.quarantinedCount());
    }

    @Test
    void panelsAreSplitBySeriesIdAndDatesOrderTime() throws IOException {
        String path = csv("panel.csv", "shop,date,a,b", "x,2024-01-02,2,20", "y,2024-01-01,5,50",
                "x,2024-01-01,1,10", "y,2024-01-02,\"6\",60");
        // rows of one series may come in any order across files, but not backwards within a file
        InputException e = assertThrows(InputException.class, () -> read(path, PANEL, MissingValues.FAIL, false));
        assertTrue(e.getMessage().contains("panel.csv: row 4") && e.getMessage().contains("goes backwards"),
                e.getMessage());
        String a = csv("a.csv", "shop,date,a,b", "x,2024-01-02,2,20", "y,2024-01-01,5,50", "y,2024-01-02,\"6\",60");
        csv("b.csv", "date,b,shop,a", "2024-01-01,10,x,1");
        List<Series> series = read(tmp.resolve("{a,b}.csv").toString(), PANEL, MissingValues.FAIL, false)
                .series().collect().stream().sorted(Comparator.comparing(Series::id)).toList();
        assertEquals(List.of("x", "y"), series.stream().map(Series::id).toList());
        assertArrayEquals(new double[]{1, 10}, series.get(0).values()[0]);
        assertArrayEquals(new double[]{2, 20}, series.get(0).values()[1]);
        assertArrayEquals(new double[]{6, 60}, series.get(1).values()[1]);
        assertTrue(a.endsWith("a.csv"));
    }

    @Test
    void eachBadRowIsNamedWithFileRowAndColumn() throws IOException {
        assertProblem(csv("number.csv", "time,value", "1,3.5", "2,abc", "3,4"), "number.csv: row 3, column 'value'",
                "'abc' is not a finite number");
        assertProblem(csv("notime.csv", "time,value", "1,3.5", ",2", "3,4"), "notime.csv: row 3, column 'time'",
                "missing time");
        assertProblem(csv("badtime.csv", "time,value", "1,3.5", "2,2", "soon,4"), "badtime.csv: row 4, column 'time'",
                "neither a number nor an ISO date");
        assertProblem(csv("dup.csv", "time,value", "1,3.5", "2,2", "2,4"), "dup.csv: row 4",
                "duplicate time 2 in series ''");
        assertProblem(csv("back.csv", "time,value", "1,3.5", "3,2", "2,4"), "back.csv: row 4", "goes backwards");
        assertProblem(csv("missing.csv", "time,value", "1,3.5", "2,NA", "3,4"), "missing.csv: row 3, column 'value'",
                "missing value (series.missing = fail)");
        assertProblem(csv("cells.csv", "time,value", "1,3.5", "2,2,7"), "cells.csv: row 3", "3 cells, the header has 2");
        assertProblem(csv("column.csv", "t,value", "1,3.5"), "column.csv: row 1, column 'time'", "no such column");
    }

    private void assertProblem(String path, String where, String what) {
        InputException e = assertThrows(InputException.class, () -> read(path, ONE, MissingValues.FAIL, false));
        assertTrue(e.getMessage().startsWith("file:") && e.getMessage().contains(where) && e.getMessage().contains(what),
                e.getMessage());
    }

    @Test
    void quarantineKeepsTheGoodRowsAndSaysWhyTheOthersLeft() throws IOException {
        String path = csv("mixed.csv", "time,value", "1,1", "2,x", "3,3", "3,30", "2.5,9", "4,4", ",5");
        SeriesIngest.Result r = read(path, ONE, MissingValues.FAIL, true);
        assertEquals(3, r.rows());
        assertArrayEquals(new double[]{1, 3, 4}, r.series().first().times(), "2.5 follows 3 in the file: out");
        assertArrayEquals(new double[]{3}, r.series().first().values()[1], "the first of two rows with time 3 stays");
        List<RowProblem> problems = r.quarantined().collect().stream()
                .sorted(Comparator.comparingLong(RowProblem::row)).toList();
        assertEquals(List.of(3L, 5L, 6L, 8L), problems.stream().map(RowProblem::row).toList());
        assertTrue(problems.get(1).reason().startsWith("duplicate time 3"), problems.get(1).reason());
        assertTrue(problems.get(2).reason().contains("goes backwards"), problems.get(2).reason());
        assertEquals(4, r.quarantinedCount());
    }

    @Test
    void missingValuesAreForwardFilledOrLeftForTheirWindowsToBeDropped() throws IOException {
        String path = csv("gaps.csv", "time,value", "1,", "2,2", "3,NA", "4,null", "5,5");
        Series filled = read(path, ONE, MissingValues.FORWARD_FILL, false).series().first();
        assertEquals(3, filled.missingValues());
        assertEquals(2, filled.filledValues(), "the first value has nothing before it");
        assertTrue(Double.isNaN(filled.values()[0][0]));
        assertEquals(2.0, filled.values()[2][0]);
        assertEquals(2.0, filled.values()[3][0]);
        Series left = read(path, ONE, MissingValues.DROP_WINDOW, false).series().first();
        assertEquals(3, left.missingValues());
        assertEquals(0, left.filledValues());
        assertTrue(Double.isNaN(left.values()[2][0]));
    }

    @Test
    void parquetRowsAreNumberedWithinTheirFile() {
        StructType schema = new StructType().add("shop", DataTypes.StringType).add("date", DataTypes.DateType)
                .add("a", DataTypes.DoubleType).add("b", DataTypes.StringType);
        List<Row> rows = List.of(
                RowFactory.create("x", java.sql.Date.valueOf("2024-01-01"), 1.0, "10"),
                RowFactory.create("x", java.sql.Date.valueOf("2024-01-02"), 2.0, "20"),
                RowFactory.create("x", java.sql.Date.valueOf("2024-01-03"), 3.0, "lots"));
        Dataset<Row> table = spark.createDataFrame(rows, schema).coalesce(1);
        String path = tmp.resolve("panel.parquet").toString();
        table.write().parquet(path);
        InputException e = assertThrows(InputException.class, () -> read(path, PANEL, MissingValues.FAIL, false));
        assertTrue(e.getMessage().contains("row 3, column 'b': 'lots' is not a finite number"), e.getMessage());
        SeriesIngest.Result r = read(path, PANEL, MissingValues.FAIL, true);
        assertEquals(2, r.rows());
        assertArrayEquals(new double[]{2, 20}, r.series().first().values()[1]);
        assertEquals(86400.0, r.series().first().times()[1] - r.series().first().times()[0], "a day apart");
    }
}

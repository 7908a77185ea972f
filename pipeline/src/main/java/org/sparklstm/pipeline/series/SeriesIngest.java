package org.sparklstm.pipeline.series;

import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.sparklstm.models.forecast.SeriesColumns;
import org.sparklstm.pipeline.ingest.QuarantinedInputException;
import org.sparklstm.pipeline.ingest.RowProblem;
import org.sparklstm.pipeline.ingest.RowProblems;
import org.sparklstm.pipeline.ingest.RowQuarantineRow;

/**
 * ingest for series: read CSV, Parquet or a DataFrame, parse every cell, group and order each series. A bad row
 * stops the job with its file, row and column, or goes to quarantine when {@code quarantine} is set.
 */
public final class SeriesIngest {

    /**
     * How to read: which columns, which format, the missing-value policy, whether bad rows are quarantined, and the
     * encoding of CSV files ({@code input.encoding}).
     */
    public record Settings(SeriesColumns columns, SeriesFormat format, MissingValues missing, boolean quarantine,
                           String encoding) implements java.io.Serializable {

        /** UTF-8 CSV, or a DataFrame, whose text is already decoded. */
        public Settings(SeriesColumns columns, SeriesFormat format, MissingValues missing, boolean quarantine) {
            this(columns, format, missing, quarantine, "UTF-8");
        }
    }

    /** The series (cached) and the rows left out of them, with counts. */
    public record Result(JavaRDD<Series> series, JavaRDD<RowProblem> quarantined, long seriesCount, long rows,
                         long quarantinedCount) {
    }


    private SeriesIngest() {
    }

    public static Result read(SparkSession spark, List<FileStatus> files, Settings settings, int partitions) {
        List<String> paths = files.stream().map(f -> f.getPath().toString()).toList();
        boolean fatalMissing = settings.missing() == MissingValues.FAIL;
        SeriesFormat format = settings.format().of(paths);
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        JavaRDD<ParsedRow> parsed = format == SeriesFormat.PARQUET
                ? ParquetSeriesReader.read(spark, paths, settings.columns(), fatalMissing)
                : CsvSeriesReader.read(sc, paths, settings.columns(), fatalMissing, settings.encoding());
        return ingest(parsed, String.join(",", paths), settings, partitions, format == SeriesFormat.CSV);
    }

    /**
     * The series of a DataFrame already loaded, such as a Spark ML estimator's input: read as Parquet is (cells as
     * text, rows ordered by time), its rows named {@code source} and numbered from 1 in the DataFrame's order.
     */
    public static Result read(Dataset<?> frame, String source, Settings settings, int partitions) {
        return ingest(ParquetSeriesReader.read(frame, source, settings.columns(),
                settings.missing() == MissingValues.FAIL), source, settings, partitions, false);
    }

    /** @param rowOrderMatters a series' times must increase row by row within a file (CSV) */
    private static Result ingest(JavaRDD<ParsedRow> rows, String source, Settings settings, int partitions,
                                 boolean rowOrderMatters) {
        JavaRDD<ParsedRow> parsed = rows.persist(StorageLevel.MEMORY_AND_DISK());
        JavaRDD<RowProblem> rowProblems = parsed.filter(p -> p.problem() != null).map(ParsedRow::problem);
        RowProblems.stopOnAny(rowProblems.filter(RowProblem::fatal));
        if (!settings.quarantine()) {
            RowProblems.stopOnAny(rowProblems);
        }
        JavaRDD<Assembled> assembled = SeriesAssembler.assemble(
                        parsed.filter(p -> p.observation() != null).map(ParsedRow::observation), partitions,
                        settings.missing(), rowOrderMatters)
                .persist(StorageLevel.MEMORY_AND_DISK());
        JavaRDD<RowProblem> orderProblems = assembled.flatMap(a -> a.problems().iterator());
        if (!settings.quarantine()) {
            RowProblems.stopOnAny(orderProblems);
        }
        JavaRDD<Series> series = assembled.map(Assembled::series).filter(s -> s.length() > 0)
                .persist(StorageLevel.MEMORY_AND_DISK());
        long count = series.count();
        long rowCount = series.map(s -> (long) s.length()).fold(0L, Long::sum);
        JavaRDD<RowProblem> quarantined = rowProblems.union(orderProblems);
        long quarantinedCount = quarantined.count();
        if (count == 0) {
            throw new QuarantinedInputException(source + ": no usable rows (" + quarantinedCount + " rows quarantined: "
                    + RowProblems.top(quarantined, 3) + ")",
                    (spark, runId, path) -> RowQuarantineRow.write(spark, runId, quarantined, path));
        }
        return new Result(series, quarantined, count, rowCount, quarantinedCount);
    }
}

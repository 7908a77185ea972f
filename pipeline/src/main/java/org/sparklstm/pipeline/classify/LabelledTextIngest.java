package org.sparklstm.pipeline.classify;

import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.sparklstm.pipeline.ingest.QuarantinedInputException;
import org.sparklstm.pipeline.ingest.RowProblem;
import org.sparklstm.pipeline.ingest.RowProblems;
import org.sparklstm.pipeline.ingest.RowQuarantineRow;

/** ingest for classification: labelled texts, with bad rows stopping the job (file, row, column) or quarantined. */
public final class LabelledTextIngest {

    /** The usable rows (cached) and the rows left out, with counts. */
    public record Result(JavaRDD<LabelledText> rows, JavaRDD<RowProblem> quarantined, long count,
                         long quarantinedCount) {
    }

    private LabelledTextIngest() {
    }

    public static Result read(SparkSession spark, List<FileStatus> files, TextColumns columns, boolean quarantine,
                              String encoding) {
        return read(spark, files, columns, quarantine, encoding, StorageLevel.MEMORY_AND_DISK());
    }

    /**
     * @param encoding the charset of CSV files ({@code input.encoding})
     * @param level    where the rows are kept between their counts and their use
     */
    public static Result read(SparkSession spark, List<FileStatus> files, TextColumns columns, boolean quarantine,
                              String encoding, StorageLevel level) {
        List<String> paths = files.stream().map(f -> f.getPath().toString()).toList();
        return of(TextTableReader.read(spark, paths, columns, encoding), String.join(",", paths), quarantine, level);
    }

    /**
     * The rows parsed from {@code source} (files, or a DataFrame's rows): their problems stop the job, or with
     * {@code quarantine} are kept aside; fatal ones (a missing column) always stop it.
     */
    public static Result of(JavaRDD<ParsedText> read, String source, boolean quarantine, StorageLevel level) {
        JavaRDD<ParsedText> parsed = read.persist(level);
        JavaRDD<RowProblem> problems = parsed.filter(p -> p.problem() != null).map(ParsedText::problem);
        RowProblems.stopOnAny(problems.filter(RowProblem::fatal));
        if (!quarantine) {
            RowProblems.stopOnAny(problems);
        }
        JavaRDD<LabelledText> rows = parsed.filter(p -> p.text() != null).map(ParsedText::text).persist(level);
        long count = rows.count();
        long quarantined = problems.count();
        if (count == 0) {
            throw new QuarantinedInputException(source + ": no usable rows (" + quarantined + " quarantined: "
                    + RowProblems.top(problems, 3) + ")",
                    (spark, runId, path) -> RowQuarantineRow.write(spark, runId, problems, path));
        }
        return new Result(rows, problems, count, quarantined);
    }
}

package org.sparklstm.jobs;

import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.sparklstm.pipeline.ingest.InputException;
import org.sparklstm.pipeline.ingest.QuarantineRecord;
import org.sparklstm.pipeline.ingest.TextIngest;
import org.sparklstm.pipeline.ingest.TextLine;
import org.sparklstm.pipeline.io.Tables;

/** Ingested text with its counts; fails when nothing usable is left. */
record Corpus(TextIngest.Result ingested, long documents, long quarantined) {

    static Corpus read(JavaSparkContext sc, List<FileStatus> files, String inputPath) {
        TextIngest.Result ingested = TextIngest.read(sc, files);
        long quarantined = ingested.quarantine().count();
        long documents = ingested.lines().filter(TextLine::startsDocument).count();
        if (documents == 0) {
            List<QuarantineRecord> first = ingested.quarantine().take(3);
            throw new InputException("input.path: '" + inputPath + "' holds no usable text; " + quarantined
                    + " records quarantined, for example: " + first.stream()
                    .map(q -> q.file() + " at byte " + q.offset() + ": " + q.reason()).toList());
        }
        return new Corpus(ingested, documents, quarantined);
    }

    JavaRDD<TextLine> lines() {
        return ingested.lines();
    }

    /** Writes the quarantined records from the executors (they are never collected to the driver). */
    void writeQuarantine(SparkSession spark, String runId, String path) {
        JavaRDD<Row> rows = ingested.quarantine()
                .map(q -> RowFactory.create(runId, q.file(), q.offset(), q.reason(), q.excerpt()));
        Tables.write(spark.createDataFrame(rows, Tables.QUARANTINE_SCHEMA).coalesce(1), path);
    }
}

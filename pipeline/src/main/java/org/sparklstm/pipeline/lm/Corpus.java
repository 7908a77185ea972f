package org.sparklstm.pipeline.lm;

import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.sparklstm.pipeline.ingest.InputException;
import org.sparklstm.pipeline.ingest.QuarantineRecord;
import org.sparklstm.pipeline.ingest.QuarantineRow;
import org.sparklstm.pipeline.ingest.TextIngest;
import org.sparklstm.pipeline.ingest.TextLine;

/** Ingested text with its counts; fails when nothing usable is left. */
public record Corpus(TextIngest.Result ingested, long documents, long quarantined) {

    public static Corpus read(JavaSparkContext sc, TextSource source) {
        return read(sc, source, StorageLevel.MEMORY_AND_DISK_SER());
    }

    /** @param level how the parsed lines are cached until they are encoded */
    public static Corpus read(JavaSparkContext sc, TextSource source, StorageLevel level) {
        TextIngest.Result ingested = TextIngest.read(sc, source.files(), level);
        List<QuarantineRecord> unreadable = ingested.unreadable().collect();
        if (!unreadable.isEmpty()) {
            QuarantineRecord first = unreadable.get(0);
            throw new InputException(first.file() + ", after the line at byte " + first.offset() + ": "
                    + first.reason() + (unreadable.size() > 1 ? " (and " + (unreadable.size() - 1) + " more files)"
                    : ""));
        }
        long quarantined = ingested.quarantine().count();
        long documents = ingested.lines().filter(TextLine::startsDocument).count();
        if (documents == 0) {
            List<QuarantineRecord> first = ingested.quarantine().take(3);
            throw new InputException(source.key() + ": '" + source.path() + "' holds no usable text; " + quarantined
                    + " records quarantined, for example: " + first.stream()
                    .map(q -> q.file() + " at byte " + q.offset() + ": " + q.reason()).toList());
        }
        return new Corpus(ingested, documents, quarantined);
    }

    public JavaRDD<TextLine> lines() {
        return ingested.lines();
    }

    /** Writes the quarantined records as the run's {@code quarantine} table. */
    public void writeQuarantine(SparkSession spark, String runId, String path) {
        QuarantineRow.write(spark, runId, ingested.quarantine(), path);
    }
}

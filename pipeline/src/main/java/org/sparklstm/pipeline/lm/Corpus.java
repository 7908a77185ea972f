package org.sparklstm.pipeline.lm;

import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.sparklstm.pipeline.ingest.InputException;
import org.sparklstm.pipeline.ingest.QuarantineReasons;
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
        TextIngest.Result ingested = TextIngest.read(sc, source.files(), level, source.reading());
        List<QuarantineRecord> unreadable = ingested.unreadable().collect();
        if (!unreadable.isEmpty()) {
            QuarantineRecord first = unreadable.get(0);
            throw new InputException(first.file() + ", after the line at byte " + first.offset() + ": "
                    + first.reason() + (unreadable.size() > 1 ? " (and " + (unreadable.size() - 1) + " more files)"
                    : ""));
        }
        long quarantined = ingested.quarantine().count();
        long[] counts = ingested.lines().map(l -> new long[]{1, l.startsDocument() ? 1 : 0})
                .fold(new long[2], (a, b) -> new long[]{a[0] + b[0], a[1] + b[1]});
        long lines = counts[0];
        long documents = counts[1];
        double share = quarantined / (double) Math.max(1, lines + quarantined);
        if (share > source.reading().maxQuarantineFraction() && documents > 0) {
            throw new InputException(String.format("%s: %,d of the %,d lines of '%s' were quarantined (%.1f%%, more "
                            + "than input.max-quarantine-fraction %s): %s. They were read as %s: set input.encoding "
                            + "if the text is in another, or raise input.max-quarantine-fraction to train on the rest",
                    source.key(), quarantined, lines + quarantined, source.path(), 100 * share,
                    source.reading().maxQuarantineFraction(), QuarantineReasons.top(ingested.quarantine(), 3),
                    source.reading().encoding()));
        }
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

package org.sparklstm.pipeline.lm;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.sparklstm.pipeline.ingest.InputException;
import org.sparklstm.pipeline.ingest.QuarantineReasons;
import org.sparklstm.pipeline.ingest.QuarantineRecord;
import org.sparklstm.pipeline.ingest.QuarantineRow;
import org.sparklstm.pipeline.ingest.QuarantinedInputException;
import org.sparklstm.pipeline.ingest.TextIngest;
import org.sparklstm.pipeline.ingest.TextLine;

/** Ingested text with its counts; fails when nothing usable is left. */
public record Corpus(TextIngest.Result ingested, long documents, long quarantined) {

    /** How the quarantine reason of a file left out whole begins. */
    static final String FILE_LEFT_OUT = "the whole file is left out (input.on-bad-file = quarantine): ";

    public static Corpus read(JavaSparkContext sc, TextSource source) {
        return read(sc, source, StorageLevel.MEMORY_AND_DISK_SER());
    }

    /** @param level how the parsed lines are cached until they are encoded */
    public static Corpus read(JavaSparkContext sc, TextSource source, StorageLevel level) {
        TextIngest.Result read = TextIngest.read(sc, source.files(), level, source.reading());
        List<QuarantineRecord> unreadable = read.unreadable().collect();
        if (!unreadable.isEmpty() && !source.reading().quarantineBadFiles()) {
            QuarantineRecord first = unreadable.get(0);
            throw new InputException(first.file() + ", after the line at byte " + first.offset() + ": "
                    + first.reason() + (unreadable.size() > 1 ? " (and " + (unreadable.size() - 1) + " more files)"
                    : "") + "; set input.on-bad-file = quarantine to leave such files out and train on the rest");
        }
        TextIngest.Result ingested = unreadable.isEmpty() ? read : withoutFiles(sc, read, unreadable);
        long quarantined = ingested.quarantine().count();
        long[] counts = ingested.lines().map(l -> new long[]{1, l.startsDocument() ? 1 : 0})
                .fold(new long[2], (a, b) -> new long[]{a[0] + b[0], a[1] + b[1]});
        long lines = counts[0];
        long documents = counts[1];
        double share = quarantined / (double) Math.max(1, lines + quarantined);
        QuarantinedInputException.Table table = (spark, runId, path) ->
                QuarantineRow.write(spark, runId, ingested.quarantine(), path);
        String binary = quarantined == 0 ? "" : binaryLooking(ingested).stream().limit(3)
                .map(f -> f + ". ").collect(Collectors.joining());
        if (share > source.reading().maxQuarantineFraction() && documents > 0) {
            throw new QuarantinedInputException(String.format("%s: %,d of the %,d lines of '%s' were quarantined (%.1f%%, more "
                            + "than input.max-quarantine-fraction %s): %s. " + binary + "They were read as %s: set input.encoding "
                            + "if the text is in another, or raise input.max-quarantine-fraction to train on the rest",
                    source.key(), quarantined, lines + quarantined, source.path(), 100 * share,
                    source.reading().maxQuarantineFraction(), QuarantineReasons.top(ingested.quarantine(), 3),
                    source.reading().encoding()), table);
        }
        if (documents == 0) {
            List<QuarantineRecord> first = ingested.quarantine().take(3);
            throw new QuarantinedInputException(source.key() + ": '" + source.path() + "' holds no usable text; "
                    + quarantined + " records quarantined, for example: " + first.stream()
                    .map(q -> q.file() + " at byte " + q.offset() + ": " + q.reason()).toList()
                    + (binary.isEmpty() ? "" : ". " + binary.trim()), table);
        }
        return new Corpus(ingested, documents, quarantined);
    }

    /** The ingest without the unreadable files' lines: each file is one quarantine row, whatever was read of it. */
    private static TextIngest.Result withoutFiles(JavaSparkContext sc, TextIngest.Result read,
                                                  List<QuarantineRecord> unreadable) {
        Set<String> files = unreadable.stream().map(QuarantineRecord::file).collect(Collectors.toSet());
        JavaRDD<QuarantineRecord> leftOut = sc.parallelize(unreadable.stream().map(q -> new QuarantineRecord(q.file(),
                q.offset(), FILE_LEFT_OUT + q.reason(),
                q.excerpt())).toList(), 1);
        return new TextIngest.Result(read.lines().filter(l -> !files.contains(l.file())),
                read.quarantine().filter(q -> !files.contains(q.file())).union(leftOut), sc.emptyRDD(), read.cache());
    }

    /**
     * The files that look binary rather than text, each with its count of quarantined lines: those with a NUL byte,
     * or with at least half of their lines quarantined (not valid in {@code input.encoding}). Empty when nothing was
     * quarantined.
     */
    public List<String> binaryLookingFiles() {
        return quarantined == 0 ? List.of() : binaryLooking(ingested);
    }

    private static List<String> binaryLooking(TextIngest.Result ingested) {
        Map<String, Long> bad = ingested.quarantine().map(QuarantineRecord::file).countByValue();
        Set<String> withNul = new HashSet<>(ingested.quarantine()
                .filter(q -> q.reason().startsWith(QuarantineRecord.BINARY)).map(QuarantineRecord::file).distinct()
                .collect());
        Map<String, Long> good = ingested.lines().filter(l -> bad.containsKey(l.file())).map(TextLine::file)
                .countByValue();
        return bad.entrySet().stream()
                .filter(e -> withNul.contains(e.getKey()) || e.getValue() >= good.getOrDefault(e.getKey(), 0L))
                .sorted(Map.Entry.comparingByKey())
                .map(e -> String.format("%s %s: %,d of its %,d lines were quarantined", e.getKey(),
                        withNul.contains(e.getKey()) ? "looks binary (it holds NUL bytes)"
                                : "looks binary or in another encoding than input.encoding",
                        e.getValue(), e.getValue() + good.getOrDefault(e.getKey(), 0L)))
                .toList();
    }

    /** The files left out whole because they cannot be read to their end, each with its reason. */
    public List<String> filesLeftOut() {
        return quarantined == 0 ? List.of() : ingested.quarantine().filter(q -> q.reason().startsWith(FILE_LEFT_OUT))
                .map(q -> q.file() + ": " + q.reason()).collect();
    }

    public JavaRDD<TextLine> lines() {
        return ingested.lines();
    }

    /** Writes the quarantined records as the run's {@code quarantine} table. */
    public void writeQuarantine(SparkSession spark, String runId, String path) {
        QuarantineRow.write(spark, runId, ingested.quarantine(), path);
    }
}

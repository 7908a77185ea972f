package org.sparklstm.ml;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.sparklstm.pipeline.ingest.InputException;
import org.sparklstm.pipeline.ingest.QuarantineRecord;
import org.sparklstm.pipeline.ingest.TextIngest;
import org.sparklstm.pipeline.ingest.TextLine;
import org.sparklstm.pipeline.lm.Corpus;

/**
 * A DataFrame's text column as a language model's corpus: each row a document, its lines (split as a text file's
 * are) in the DataFrame's order. A row without text is an error naming the row, or (skip) a quarantined record.
 */
final class TextCorpus {

    private static final int EXCERPT = 40;

    /** One row's lines, or the reason it has none. */
    private record Parsed(List<TextLine> lines, QuarantineRecord rejected) implements java.io.Serializable {
    }

    private TextCorpus() {
    }

    static Corpus read(Dataset<?> frame, String textCol, HandleInvalid handleInvalid) {
        JavaRDD<Parsed> parsed = frame.select(textCol).javaRDD().zipWithIndex()
                .map(t -> parse(t._1().getString(0), t._2() + 1, textCol))
                .persist(StorageLevel.MEMORY_AND_DISK_SER());
        JavaRDD<QuarantineRecord> rejected = parsed.filter(p -> p.rejected() != null).map(Parsed::rejected);
        long quarantined = rejected.count();
        if (quarantined > 0 && handleInvalid == HandleInvalid.ERROR) {
            QuarantineRecord first = rejected.keyBy(QuarantineRecord::offset).sortByKey().first()._2();
            throw new InputException(LabelledFrame.SOURCE + ": row " + first.offset() + ", column '" + textCol + "': "
                    + first.reason() + (quarantined > 1 ? " (and " + (quarantined - 1) + " more rows)" : "")
                    + "; set handleInvalid to skip to leave such rows out");
        }
        JavaRDD<TextLine> lines = parsed.filter(p -> p.lines() != null).flatMap(p -> p.lines().iterator());
        long documents = parsed.filter(p -> p.lines() != null).count();
        if (documents == 0) {
            throw new InputException(LabelledFrame.SOURCE + ": column '" + textCol + "' holds no text ("
                    + quarantined + " rows left out)");
        }
        return new Corpus(new TextIngest.Result(lines, rejected,
                JavaSparkContext.fromSparkContext(parsed.context()).emptyRDD(), parsed), documents, quarantined);
    }

    /** The lines of a document, as a text file's reader splits them (a final line end ends the last line). */
    static List<String> lines(String text) {
        String[] parts = text.split("\r\n|\r|\n", -1);
        int n = parts.length > 1 && parts[parts.length - 1].isEmpty() ? parts.length - 1 : parts.length;
        return List.of(parts).subList(0, n);
    }

    private static Parsed parse(String text, long row, String textCol) {
        if (text == null || text.isBlank()) {
            String excerpt = text == null ? "" : text.substring(0, Math.min(EXCERPT, text.length()));
            return new Parsed(null, new QuarantineRecord(LabelledFrame.SOURCE + "." + textCol, row,
                    text == null ? "null text" : "blank text", excerpt));
        }
        List<TextLine> lines = new ArrayList<>();
        for (String line : lines(text)) {
            lines.add(new TextLine(LabelledFrame.SOURCE, row, line, lines.isEmpty()));
        }
        return new Parsed(lines, null);
    }
}

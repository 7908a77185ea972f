package org.sparklstm.pipeline.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparklstm.pipeline.SparkTestSupport;
import org.sparklstm.pipeline.ingest.CsvRecords;
import org.sparklstm.pipeline.ingest.RowProblem;

/** Labelled texts from CSV as exported text has them: quoted fields with line breaks, named by their first line. */
class TextTableReaderTest extends SparkTestSupport {

    @TempDir
    Path tmp;

    @Test
    void aQuotedReviewOverSeveralLinesIsOneRowAndProblemsNameTheirFirstLine() throws IOException {
        // three fine-food reviews, the first with paragraphs as an export writes them; then a row with a stray quote
        Path csv = tmp.resolve("reviews.csv");
        Files.writeString(csv, "review,score\r\n"
                + "\"Great coffee.\r\n\r\nWould buy \"\"again\"\", twice.\",good\r\n"
                + "Stale and bitter,other\r\n"
                + "\"Half a quote,good\r\n"
                + "Fine,good\r\n", StandardCharsets.UTF_8);
        List<ParsedText> rows = TextTableReader.read(spark, List.of(csv.toString()),
                new TextColumns("review", "score", "")).collect().stream()
                .sorted(Comparator.comparingLong(p -> p.text() != null ? p.text().row() : p.problem().row())).toList();
        assertEquals(4, rows.size());
        LabelledText first = rows.get(0).text();
        assertEquals("Great coffee.\n\nWould buy \"again\", twice.", first.text());
        assertEquals(List.of("good", 2L, "reviews.csv:2"), List.of(first.label(), first.row(), first.rowId()));
        assertEquals(List.of("Stale and bitter", 5L), List.of(rows.get(1).text().text(), rows.get(1).text().row()));
        RowProblem stray = rows.get(2).problem();
        assertEquals(List.of(6L, CsvRecords.UNTERMINATED, "\"Half a quote,good"),
                List.of(stray.row(), stray.reason(), stray.excerpt()));
        assertEquals(List.of("Fine", 7L), List.of(rows.get(3).text().text(), rows.get(3).text().row()));
    }
}

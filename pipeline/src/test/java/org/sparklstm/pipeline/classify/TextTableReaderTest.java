package org.sparklstm.pipeline.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.compress.BZip2Codec;
import org.apache.spark.SparkException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparklstm.pipeline.SparkTestSupport;
import org.sparklstm.pipeline.ingest.CsvRecords;
import org.sparklstm.pipeline.ingest.InputException;
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
                new TextColumns("review", "score", ""), "UTF-8").collect().stream()
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

    /** What a task threw, as Spark hands it to the driver. */
    private static InputException inputCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InputException input) {
                return input;
            }
        }
        throw new AssertionError("no InputException in " + e, e);
    }

    private List<ParsedText> read(Path file, String encoding) {
        return TextTableReader.read(spark, List.of(file.toString()), new TextColumns("review", "score", ""), encoding)
                .collect();
    }

    @Test
    void compressedFilesAreReadByTheirHadoopCodecAndATruncatedOneIsNamed() throws IOException {
        String csv = "review,score\n\"Caf\u00e9 au lait,\nsmooth\",good\nBitter,other\n";
        Path bz2 = tmp.resolve("reviews.csv.bz2");
        BZip2Codec codec = new BZip2Codec();
        codec.setConf(new Configuration());
        try (OutputStream out = codec.createOutputStream(Files.newOutputStream(bz2))) {
            out.write(csv.getBytes(StandardCharsets.UTF_8));
        }
        assertEquals(List.of("Bitter", "Caf\u00e9 au lait,\nsmooth"), read(bz2, "UTF-8").stream()
                .map(p -> p.text().text()).sorted().toList());

        Path gz = tmp.resolve("cut.csv.gz");
        ByteArrayOutputStream whole = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(whole)) {
            out.write("review,score\n".getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < 2_000; i++) {
                out.write(("review number " + i + " is long enough to fill blocks,good\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        Files.write(gz, Arrays.copyOf(whole.toByteArray(), whole.size() / 2));
        SparkException failed = assertThrows(SparkException.class, () -> read(gz, "UTF-8"));
        InputException named = inputCause(failed);
        assertTrue(named.getMessage().startsWith("file:" + gz + ", after line ")
                && named.getMessage().contains("cannot read its gz stream to the end"), named.getMessage());
    }

    @Test
    void aCsvInAnotherEncodingIsNamedWithItsLineUnlessTheEncodingIsGiven() throws IOException {
        Path latin = tmp.resolve("latin.csv");
        Files.write(latin, "review,score\nplain,good\nCaf\u00e9 cr\u00e8me,good\n".getBytes("windows-1252"));
        SparkException failed = assertThrows(SparkException.class, () -> read(latin, "UTF-8"));
        InputException named = inputCause(failed);
        assertTrue(named.getMessage().startsWith("file:" + latin + ", line 3: not UTF-8 text at byte 3 of the line")
                && named.getMessage().endsWith("set input.encoding to the file's encoding"), named.getMessage());
        assertEquals("Caf\u00e9 cr\u00e8me", read(latin, "windows-1252").stream().map(p -> p.text().text())
                .filter(t -> !t.equals("plain")).findFirst().orElseThrow());
    }
}

package org.sparklstm.pipeline.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparklstm.pipeline.SparkTestSupport;

class TextIngestTest extends SparkTestSupport {


    @TempDir
    Path tmp;

    private TextIngest.Result ingest(String path) {
        return TextIngest.read(sc, InputFiles.resolve("input.path", path, new Configuration()));
    }

    @Test
    void folderFilesAreDocumentsReadInOrder() throws IOException {
        Files.writeString(tmp.resolve("b.txt"), "third\nfourth\n");
        Files.writeString(tmp.resolve("a.txt"), "first line\nsecond é\n");
        Files.writeString(tmp.resolve(".hidden"), "never read");
        List<TextLine> lines = ingest(tmp.toString()).lines().collect();
        assertEquals(List.of("first line", "second é", "third", "fourth"), lines.stream().map(TextLine::text).toList());
        assertEquals(List.of(0L, 11L, 0L, 6L), lines.stream().map(TextLine::offset).toList());
        assertTrue(lines.get(0).file().endsWith("a.txt"));
        assertEquals(2, lines.stream().filter(TextLine::startsDocument).count());
    }

    @Test
    void invalidUtf8LineIsQuarantinedWithFileOffsetAndReason() throws IOException {
        byte[] bytes = "good line\nbad \u00ff here\nlast\n".getBytes(StandardCharsets.ISO_8859_1);
        Files.write(tmp.resolve("latin1.txt"), bytes);
        TextIngest.Result r = ingest(tmp.resolve("latin1.txt").toString());
        assertEquals(List.of("good line", "last"), r.lines().map(TextLine::text).collect());
        List<QuarantineRecord> q = r.quarantine().collect();
        assertEquals(1, q.size());
        assertTrue(q.get(0).file().endsWith("latin1.txt"));
        assertEquals(10, q.get(0).offset());
        assertEquals("invalid UTF-8 at byte 4 of the line", q.get(0).reason());
        assertEquals("bad \\xff here", q.get(0).excerpt());
    }

    @Test
    void binaryFileIsQuarantinedNotTokenized() throws IOException {
        Files.writeString(tmp.resolve("text.txt"), "plain\n");
        Files.write(tmp.resolve("blob.bin"), new byte[]{(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, '\n', 1, 2, 0, 3});
        TextIngest.Result r = ingest(tmp.toString());
        assertEquals(List.of("plain"), r.lines().map(TextLine::text).collect());
        List<QuarantineRecord> q = r.quarantine().collect();
        assertEquals(2, q.size());
        assertTrue(q.stream().allMatch(x -> x.file().endsWith("blob.bin")));
        assertTrue(q.get(0).reason().startsWith("binary content: NUL byte"), q.get(0).reason());
    }

    @Test
    void emptyFileAmongOthersIsQuarantined() throws IOException {
        Files.writeString(tmp.resolve("a.txt"), "text\n");
        Files.writeString(tmp.resolve("empty.txt"), "");
        List<QuarantineRecord> q = ingest(tmp.toString()).quarantine().collect();
        assertEquals(1, q.size());
        assertEquals("empty file", q.get(0).reason());
        assertTrue(q.get(0).file().endsWith("empty.txt"));
    }

    @Test
    void missingAndEmptyInputsFailNamingThePath() throws IOException {
        String missing = tmp.resolve("nope/*.txt").toString();
        InputException e = assertThrows(InputException.class,
                () -> InputFiles.resolve("input.path", missing, new Configuration()));
        assertEquals("input.path: '" + missing + "' does not exist (no file or folder matches)", e.getMessage());
        Files.writeString(tmp.resolve("empty.txt"), "");
        InputException empty = assertThrows(InputException.class,
                () -> InputFiles.resolve("input.path", tmp.resolve("empty.txt").toString(), new Configuration()));
        assertTrue(empty.getMessage().contains("is empty") && empty.getMessage().contains("empty.txt"));
    }

    @Test
    void gzipCorpusFromDataSamplesIsReadWhole() {
        List<TextLine> lines = ingest(SparkTestSupport.DATA_SAMPLES.resolve("austen.txt.gz").toString())
                .lines().collect();
        assertEquals("EMMA", lines.get(0).text());
        assertEquals(73422, lines.size());
        assertEquals(4025029, lines.stream().mapToLong(l -> l.text().getBytes(StandardCharsets.UTF_8).length + 1).sum());
        assertEquals(lines, lines.stream().sorted(Comparator.comparing(TextLine::offset)).toList());
    }
}

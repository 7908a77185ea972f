package org.sparklstm.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparklstm.jobs.Main;

/** A file that cannot be read to its end stops the run with one line naming it, and the run is marked failed. */
class UnreadableInputTest {

    @TempDir
    Path tmp;

    @Test
    void aTruncatedGzipFileIsNamedWithItsCodecAndTheRunMarkedFailed() throws IOException {
        Path whole = tmp.resolve("whole.txt.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(whole))) {
            out.write(Files.readAllBytes(Path.of("../data-samples/austen-persuasion.txt")));
        }
        byte[] bytes = Files.readAllBytes(whole);
        Path cut = tmp.resolve("cut.txt.gz");
        Files.write(cut, Arrays.copyOf(bytes, bytes.length / 2));
        Path run = tmp.resolve("run");

        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream originalErr = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = Main.run(new String[]{"train", "--set", "input.path=" + cut, "--set", "output.path=" + run,
                    "--set", "spark.master=local[2]", "--set", "train.epochs=1"});
        } finally {
            System.setErr(originalErr);
        }
        String console = err.toString(StandardCharsets.UTF_8);
        assertEquals(2, code, console);
        // Spark's own warnings about the machine aside, the error is one line, with no task failure or stack trace
        List<String> errors = console.lines().filter(l -> !l.matches("\\d\\d:\\d\\d:\\d\\d WARN Utils: .*")).toList();
        assertEquals(1, errors.size(), console);
        assertTrue(errors.get(0).matches("error: file:" + cut + ", after the line at byte [0-9]+: cannot read its gz stream "
                + "to the end \\(EOFException: Unexpected end of input stream\\); the file is truncated or corrupt; set "
                + "input.on-bad-file = quarantine to leave such files out and train on the rest"),
                console);
        assertTrue(Files.exists(run.resolve("_FAILED")), "marked failed");
        assertTrue(Files.readString(run.resolve("_FAILED")).contains(cut.getFileName().toString()));
        assertFalse(Files.exists(run.resolve("_SUCCESS")));
        assertFalse(Files.exists(run.resolve("_staging")), "nothing that looks like a run's outputs");
    }

    @Test
    void withOnBadFileQuarantineTheFileIsLeftOutWholeAndTheRestTrains() throws IOException {
        Path corpus = tmp.resolve("corpus");
        Files.createDirectories(corpus);
        List<String> novel = Files.readAllLines(Path.of("../data-samples/austen-persuasion.txt"));
        Files.write(corpus.resolve("a.txt"), novel.subList(0, 1500));
        ByteArrayOutputStream whole = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(whole)) {
            out.write(String.join("\n", novel.subList(1500, 4000)).getBytes(StandardCharsets.UTF_8));
        }
        Path cut = corpus.resolve("b-cut.txt.gz");
        Files.write(cut, Arrays.copyOf(whole.toByteArray(), whole.size() / 2));
        Path run = tmp.resolve("quarantined-run");

        ByteArrayOutputStream said = new ByteArrayOutputStream();
        PrintStream originalOut = System.out;
        System.setOut(new PrintStream(said, true, StandardCharsets.UTF_8));
        try {
            assertEquals(0, Main.run(new String[]{"train", "--set", "input.path=" + corpus, "--set",
                    "output.path=" + run, "--set", "spark.master=local[2]", "--set", "train.epochs=1", "--set",
                    "input.on-bad-file=quarantine", "--set", "model.layers=1", "--set", "model.hidden=16"}));
        } finally {
            System.setOut(originalOut);
        }
        String console = said.toString(StandardCharsets.UTF_8);
        assertTrue(console.contains("warning: file:" + cut + ": the whole file is left out (input.on-bad-file = "
                + "quarantine): cannot read its gz stream to the end"), console);
        SparkSession spark = SparkSession.builder().master("local[1]").config("spark.ui.enabled", "false").getOrCreate();
        try {
            List<Row> quarantine = spark.read().parquet(run.resolve("quarantine").toString()).collectAsList();
            assertEquals(1, quarantine.size());
            assertEquals("file:" + cut, quarantine.get(0).getString(1));
            Row runs = spark.read().parquet(run.resolve("runs").toString()).first();
            // only a.txt trained: its 1,500 lines, none of what was read of the cut file before it broke
            assertEquals(1L, (long) runs.getAs("quarantined_records"));
            assertEquals(1L, (long) runs.getAs("documents"));
        } finally {
            spark.stop();
        }
    }
}

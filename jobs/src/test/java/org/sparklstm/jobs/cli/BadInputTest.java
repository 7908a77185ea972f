package org.sparklstm.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparklstm.jobs.Main;
import org.sparklstm.models.lm.ModelBundle;

/** Bad input through the command line: a clear message, exit code 2, and no outputs (only the reason). */
class BadInputTest {

    @TempDir
    Path tmp;
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream originalErr;

    @BeforeEach
    void captureErr() {
        originalErr = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreErr() {
        System.setErr(originalErr);
    }

    private int train(String input, String... more) {
        List<String> args = new ArrayList<>(List.of("train", "--set", "input.path=" + input,
                "--set", "output.path=" + tmp.resolve("out"), "--set", "spark.master=local[2]"));
        for (String m : more) {
            args.add("--set");
            args.add(m);
        }
        return Main.run(args.toArray(String[]::new));
    }

    private String errors() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void missingPathFailsBeforeSparkStarts() {
        if (SparkSession.getDefaultSession().isDefined()) {
            SparkSession.getDefaultSession().get().stop();
        }
        SparkSession.clearDefaultSession();
        SparkSession.clearActiveSession();
        assertEquals(2, train(tmp.resolve("missing.txt").toString()));
        assertTrue(errors().contains("input.path: '" + tmp.resolve("missing.txt") + "' does not exist"), errors());
        assertTrue(SparkSession.getDefaultSession().isEmpty(), "no Spark session was started");
        assertFalse(Files.exists(tmp.resolve("out")));
    }

    @Test
    void missingHeldOutPathFailsBeforeSparkStarts() {
        if (SparkSession.getDefaultSession().isDefined()) {
            SparkSession.getDefaultSession().get().stop();
        }
        SparkSession.clearDefaultSession();
        SparkSession.clearActiveSession();
        Path missing = tmp.resolve("held-out/*.txt");
        assertEquals(2, train("../data-samples/austen-persuasion.txt", "input.validation-path=" + missing));
        assertTrue(errors().contains("input.validation-path: '" + missing + "' does not exist"), errors());
        assertTrue(SparkSession.getDefaultSession().isEmpty(), "no Spark session was started");
        assertFalse(Files.exists(tmp.resolve("out")));
    }

    @Test
    void heldOutPathForAClassifierIsAConfigError() {
        assertEquals(2, train("../data-samples/fine_foods_train.csv", "task=classify",
                "input.test-path=../data-samples/fine_foods_test.csv"));
        assertTrue(errors().startsWith("error: input.test-path: '../data-samples/fine_foods_test.csv' is not valid;"),
                errors());
    }

    @Test
    void emptyFileIsReportedByName() throws IOException {
        Files.writeString(tmp.resolve("empty.txt"), "");
        assertEquals(2, train(tmp.resolve("empty.txt").toString()));
        assertTrue(errors().contains("empty.txt"), errors());
        assertTrue(errors().contains("is empty"), errors());
    }

    @Test
    void invalidConfigValueFailsBeforeSparkStarts() {
        assertEquals(2, train("../data-samples/austen-persuasion.txt", "train.batch-size=-4"));
        assertEquals("error: train.batch-size: '-4' is not valid; expected an integer >= 1\n", errors());
    }

    @Test
    void badLinesAmongGoodOnesAreQuarantinedAndTrainingGoesOn() throws IOException {
        Path corpus = tmp.resolve("corpus");
        Files.createDirectories(corpus);
        Files.write(corpus.resolve("a-good.txt"),
                Files.readAllLines(Path.of("../data-samples/austen-persuasion.txt")).subList(0, 1500));
        Files.write(corpus.resolve("b-latin1.txt"), "caf\u00e9 au lait\nplain\n".getBytes(StandardCharsets.ISO_8859_1));
        PrintStream console = System.out;
        ByteArrayOutputStream said = new ByteArrayOutputStream();
        System.setOut(new PrintStream(said, true, StandardCharsets.UTF_8));
        try {
            assertEquals(0, train(corpus.toString(), "sequence.length=50", "sequence.stride=50", "model.layers=1",
                    "model.hidden=16", "model.embedding=8", "train.epochs=1", "generate.length=5",
                    "input.max-quarantine-fraction=0.01"));
        } finally {
            System.setOut(console);
        }
        assertTrue(said.toString(StandardCharsets.UTF_8).contains("b-latin1.txt looks binary or in another encoding "
                + "than input.encoding: 1 of its 2 lines were quarantined; the rest of the corpus is trained"), said.toString());
        SparkSession spark = SparkSession.builder().master("local[1]").config("spark.ui.enabled", "false").getOrCreate();
        List<org.apache.spark.sql.Row> q = spark.read().parquet(tmp.resolve("out/quarantine").toString()).collectAsList();
        assertEquals(1, q.size());
        assertTrue(q.get(0).getString(1).endsWith("b-latin1.txt"));
        assertEquals(0L, q.get(0).getLong(2));
        assertEquals("invalid UTF-8 at byte 3 of the line", q.get(0).getString(3));
        assertEquals("caf\\xe9 au lait", q.get(0).getString(4));
        org.apache.spark.sql.Row run = spark.read().parquet(tmp.resolve("out/runs").toString()).first();
        assertEquals(1L, (long) run.getAs("quarantined_records"));
        assertEquals(2L, (long) run.getAs("documents"));
        spark.stop();
    }

    @Test
    void aStrideLongerThanTheWindowsSaysHowMuchTextItSkips() throws IOException {
        Path text = tmp.resolve("persuasion.txt");
        Files.write(text, Files.readAllLines(Path.of("../data-samples/austen-persuasion.txt")).subList(0, 1500));
        PrintStream console = System.out;
        ByteArrayOutputStream said = new ByteArrayOutputStream();
        System.setOut(new PrintStream(said, true, StandardCharsets.UTF_8));
        try {
            assertEquals(0, train(text.toString(), "sequence.length=50", "sequence.stride=100", "train.stateful=false",
                    "model.layers=1",
                    "model.hidden=16", "model.embedding=8", "train.epochs=1", "generate.length=5"));
        } finally {
            System.setOut(console);
        }
        SparkSession spark = SparkSession.builder().master("local[1]").config("spark.ui.enabled", "false").getOrCreate();
        org.apache.spark.sql.Row run = spark.read().parquet(tmp.resolve("out/runs").toString()).first();
        spark.stop();
        long untrained = run.getAs("untrained_tokens");
        long windows = run.getAs("train_windows");
        // every window of 50 targets is followed by a gap of 50, and the text's end by up to 100 more
        assertTrue(untrained >= 50 * (windows - 1) && untrained <= 50 * (windows - 1) + 150, untrained + " of " + windows);
        String warning = String.format("warning: %,d training tokens (", untrained);
        assertTrue(said.toString(StandardCharsets.UTF_8).contains(warning), said.toString());
        assertTrue(said.toString(StandardCharsets.UTF_8).contains("%) are the target of no training window: "
                + "sequence.stride 100 is longer than sequence.length 50"), said.toString());
    }

    @Test
    void aWindows1252FileFailsWithTheCountsUnlessItsEncodingIsGiven() throws IOException {
        // 3,000 lines of the novel, two in three with an accented letter, written in windows-1252
        List<String> lines = new ArrayList<>(Files.readAllLines(Path.of("../data-samples/austen-persuasion.txt"))
                .subList(0, 3000));
        int accented = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (i % 3 != 0 && lines.get(i).contains("e")) {
                lines.set(i, lines.get(i).replaceFirst("e", "\u00e9"));
                accented++;
            }
        }
        Path file = tmp.resolve("cp1252.txt");
        Files.write(file, (String.join("\n", lines) + "\n").getBytes("windows-1252"));
        String[] small = {"sequence.length=50", "sequence.stride=50", "model.layers=1", "model.hidden=16",
                "model.embedding=8", "train.epochs=1", "generate.length=5"};

        assertEquals(2, train(file.toString(), small));
        assertTrue(errors().contains(String.format("input.path: %,d of the 3,000 lines of '%s' were quarantined",
                accented, file)), errors());
        assertTrue(errors().contains(String.format("%,d x invalid UTF-8 (first: file:%s at byte ", accented, file)),
                errors());
        assertTrue(errors().contains("They were read as UTF-8: set input.encoding if the text is in another"),
                errors());
        assertTrue(Files.exists(tmp.resolve("out/_FAILED")));
        assertEquals(accented, quarantineReasons(tmp.resolve("out/quarantine")).size());

        List<String> args = new ArrayList<>(List.of("train", "--overwrite", "--set", "input.path=" + file, "--set",
                "output.path=" + tmp.resolve("out"), "--set", "spark.master=local[2]", "--set",
                "input.encoding=windows-1252"));
        for (String set : small) {
            args.addAll(List.of("--set", set));
        }
        assertEquals(0, Main.run(args.toArray(String[]::new)), errors());
        SparkSession spark = SparkSession.builder().master("local[1]").config("spark.ui.enabled", "false").getOrCreate();
        org.apache.spark.sql.Row run = spark.read().parquet(tmp.resolve("out/runs").toString()).first();
        assertEquals(0L, (long) run.getAs("quarantined_records"));
        spark.stop();
        assertTrue(ModelBundle.load(new org.apache.hadoop.fs.Path(tmp.resolve("out/model").toString()),
                new org.apache.hadoop.conf.Configuration()).vocabulary().tokens().contains("\u00e9"),
                "the accented letter is a token");
    }

    @Test
    void onlyBinaryOrInvalidUtf8InputFailsWithQuarantineReasonsAndLeavesOnlyTheReason() throws IOException {
        Files.write(tmp.resolve("blob.bin"), new byte[]{1, 0, 2, '\n', (byte) 0xff, (byte) 0xfe, 'x', '\n'});
        assertEquals(2, train(tmp.resolve("blob.bin").toString()));
        assertTrue(errors().contains("holds no usable text; 2 records quarantined"), errors());
        assertTrue(errors().contains("blob.bin at byte 0: binary content"), errors());
        assertTrue(errors().contains("blob.bin at byte 4: invalid UTF-8 at byte 0 of the line"), errors());
        assertTrue(errors().contains("blob.bin looks binary (it holds NUL bytes): 2 of its 2 lines were quarantined"),
                errors());
        // the run directory holds the reason and the quarantine table that explains it, and nothing else
        assertEquals(List.of("_FAILED", "quarantine"), Files.list(tmp.resolve("out"))
                .map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList());
        assertTrue(Files.readString(tmp.resolve("out/_FAILED")).contains("holds no usable text"));
        assertEquals(List.of("binary content: NUL byte at byte 1 of the line", "invalid UTF-8 at byte 0 of the line"),
                quarantineReasons(tmp.resolve("out/quarantine")));
        assertEquals(List.of("blob.bin", "out"), Files.list(tmp).map(p -> p.getFileName().toString()).sorted().toList());
        // a failed run's directory is taken by the next run without --overwrite
        err.reset();
        Files.writeString(tmp.resolve("text.txt"), "only a few words here\n");
        train(tmp.resolve("text.txt").toString());
        assertFalse(errors().contains("--overwrite"), errors());
    }

    @Test
    void aClassifierWhoseEveryRowIsQuarantinedFailsWithTheReasonsAndKeepsThem() throws IOException {
        Path csv = tmp.resolve("unlabelled.csv");
        Files.writeString(csv, "review,score\ngood stuff,\nbad stuff,\n,pos\nno label at all,\n");
        assertEquals(2, train(csv.toString(), "task=classify", "classify.text-column=review",
                "classify.label-column=score", "classify.on-error=quarantine", "train.epochs=1"));
        assertTrue(errors().contains("no usable rows (4 quarantined: 3 x column 'score': missing label (first: "), errors());
        assertTrue(Files.exists(tmp.resolve("out/_FAILED")));
        assertTrue(errors().contains("1 x column 'review': empty text (first: "), errors());
        assertEquals(4, quarantineReasons(tmp.resolve("out/quarantine")).size());
    }

    private static List<String> quarantineReasons(Path table) {
        SparkSession spark = SparkSession.builder().master("local[1]").config("spark.ui.enabled", "false")
                .getOrCreate();
        try {
            return spark.read().parquet(table.toString()).select("reason").collectAsList().stream()
                    .map(r -> r.getString(0)).sorted().toList();
        } finally {
            spark.stop();
        }
    }
}

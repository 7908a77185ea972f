package org.sparklstm.pipeline.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparklstm.pipeline.SparkTestSupport;
import org.sparklstm.pipeline.ingest.QuarantineRow;
import org.sparklstm.pipeline.lm.LmMetricsRow;

class OutputTest extends SparkTestSupport {


    @TempDir
    Path tmp;

    @Test
    void runOutputsAppearOnlyOnCommitAndSuccessIsWrittenLast() throws IOException {
        String target = tmp.resolve("run").toString();
        RunDirectory run = RunDirectory.begin(target, new Configuration());
        QuarantineRow.TABLE.write(spark, List.of(new QuarantineRow("r1", "f", 3L, "why", "x")),
                run.path(Tables.QUARANTINE));
        assertFalse(Files.exists(tmp.resolve("run/quarantine")));
        assertFalse(Files.exists(tmp.resolve("run/_SUCCESS")));
        run.commit();
        assertTrue(Files.isDirectory(tmp.resolve("run/quarantine")));
        assertEquals(List.of("_SUCCESS", "quarantine"), names(tmp.resolve("run")));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RunDirectory.checkWritable("output.path", target, false, new Configuration()));
        assertEquals("output.path: '" + target + "' exists and holds a finished run; choose a new run directory "
                + "or pass --overwrite", e.getMessage());
        RunDirectory.checkWritable("output.path", target, true, new Configuration());
        e = assertThrows(IllegalArgumentException.class, () -> RunDirectory.reopen(target, new Configuration()));
        assertEquals("--resume: '" + target + "' is a finished run (it has _SUCCESS)", e.getMessage());

        String table = Tables.writeRun(spark, QuarantineRow.TABLE, List.of(new QuarantineRow("r3", "g", 0L,
                "empty file", "")), tmp.resolve("single").toString(), "quarantine");
        assertEquals(tmp.resolve("single/quarantine").toUri().getPath().replaceAll("/$", ""),
                new org.apache.hadoop.fs.Path(table).toUri().getPath());
        assertEquals(1, spark.read().parquet(table).count());
        assertEquals(List.of("_SUCCESS", "quarantine"), names(tmp.resolve("single")));
    }

    @Test
    void failedRunKeepsOnlyItsCheckpointsTheReasonAndItsQuarantine() throws IOException {
        String target = tmp.resolve("failed").toString();
        RunDirectory run = RunDirectory.begin(target, new Configuration());
        QuarantineRow.TABLE.write(spark, List.of(new QuarantineRow("r2", "f", 3L, "why", "x")),
                run.path(Tables.QUARANTINE));
        Files.createDirectories(Path.of(run.path("model")));
        run.fail(new IllegalStateException("the loss is NaN"));
        // the quarantine written before the failure stays, to be read with show; the other outputs go
        assertEquals(List.of("_FAILED", "quarantine"), names(tmp.resolve("failed")));
        assertEquals(1, spark.read().parquet(tmp.resolve("failed/quarantine").toString()).count());
        assertEquals("java.lang.IllegalStateException: the loss is NaN\n",
                Files.readString(tmp.resolve("failed/_FAILED")));
        // nothing there to lose: a new run may take the directory
        RunDirectory.checkWritable("output.path", target, false, new Configuration());

        run = RunDirectory.begin(target, new Configuration());
        Files.createDirectories(tmp.resolve("failed/checkpoints/epoch-0001-round-000002"));
        run.fail(new IllegalStateException("killed"));
        assertEquals(List.of("_FAILED", "checkpoints"), names(tmp.resolve("failed")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RunDirectory.checkWritable("output.path", target, false, new Configuration()));
        assertTrue(e.getMessage().contains("exists and holds a failed run (see its _FAILED)"), e.getMessage());

        RunDirectory.reopen(target, new Configuration());
        assertEquals(List.of("_staging", "checkpoints"), names(tmp.resolve("failed")));
    }

    private static List<String> names(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList();
        }
    }

    @Test
    void tablesPrintAsCsvWithHeader() {
        String path = tmp.resolve("metrics").toString();
        LmMetricsRow.TABLE.write(spark, List.of(new LmMetricsRow("r", 1, 3, "validation", 1.5, Math.exp(1.5), null,
                100L, 2.0)), path);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CsvPrinter.print(spark.read().parquet(path), 10, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals("run_id,epoch,round,split,loss,perplexity,bits_per_char,tokens,seconds", lines[0]);
        assertEquals("r,1,3,validation,1.5," + Math.exp(1.5) + ",,100,2.0", lines[1]);
        assertEquals("\"a,b\"", CsvPrinter.quote("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", CsvPrinter.quote("say \"hi\""));
    }
}

package org.sparklstm.pipeline;

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
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparklstm.pipeline.io.CsvPrinter;
import org.sparklstm.pipeline.io.RunDirectory;
import org.sparklstm.pipeline.io.Tables;

class OutputTest extends SparkTestSupport {


    @TempDir
    Path tmp;

    @Test
    void runDirectoryAppearsOnlyOnCommit() throws IOException {
        String target = tmp.resolve("run").toString();
        RunDirectory run = RunDirectory.begin(target, "r1", new Configuration());
        Tables.write(spark, List.of(RowFactory.create("r1", "f", 3L, "why", "x")), Tables.QUARANTINE_SCHEMA,
                run.path(Tables.QUARANTINE));
        assertFalse(Files.exists(tmp.resolve("run")));
        run.commit();
        assertTrue(Files.isDirectory(tmp.resolve("run/quarantine")));
        assertEquals(List.of("run"), Files.list(tmp).map(p -> p.getFileName().toString()).toList());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RunDirectory.checkWritable("output.path", target, false, new Configuration()));
        assertTrue(e.getMessage().startsWith("output.path: '" + target + "' exists and is not empty"));
        RunDirectory.checkWritable("output.path", target, true, new Configuration());

        String table = Tables.writeRun(spark, List.of(RowFactory.create("r3", "g", 0L, "empty file", "")),
                Tables.QUARANTINE_SCHEMA, tmp.resolve("single").toString(), "quarantine", "r3");
        assertEquals(tmp.resolve("single/quarantine").toUri().getPath().replaceAll("/$", ""),
                new org.apache.hadoop.fs.Path(table).toUri().getPath());
        assertEquals(1, spark.read().parquet(table).count());
        Files.walk(tmp.resolve("single")).forEach(p -> assertFalse(p.toString().contains("inprogress")));

        RunDirectory failed = RunDirectory.begin(tmp.resolve("failed").toString(), "r2", new Configuration());
        failed.abandon();
        assertEquals(List.of("run", "single"), Files.list(tmp).map(p -> p.getFileName().toString()).sorted().toList());
    }

    @Test
    void tablesPrintAsCsvWithHeader() {
        String path = tmp.resolve("metrics").toString();
        Tables.write(spark, List.of(RowFactory.create("r", 1, 3, "validation", 1.5, Math.exp(1.5), null, 100L, 2.0)),
                Tables.METRICS_SCHEMA, path);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CsvPrinter.print(spark.read().parquet(path), 10, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals("run_id,epoch,round,split,loss,perplexity,bits_per_char,tokens,seconds", lines[0]);
        assertEquals("r,1,3,validation,1.5," + Math.exp(1.5) + ",,100,2.0", lines[1]);
        assertEquals("\"a,b\"", CsvPrinter.quote("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", CsvPrinter.quote("say \"hi\""));
    }
}

package org.sparklstm.pipeline.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparklstm.pipeline.SparkTestSupport;

/** The registry table: round trip, champion and watermark, the swap that survives a crash, bad tables. */
class ModelRegistryTest extends SparkTestSupport {

    @TempDir
    Path tmp;

    static RegistryEntry entry(ModelRegistry registry, int n, boolean promoted, String watermark) throws IOException {
        String version = "v" + n;
        Path model = Files.createDirectories(Path.of(java.net.URI.create(registry.versionDirectory(version))).resolve("model"));
        return new RegistryEntry(version, n == 1 ? null : "v1", "lm", Instant.parse("2024-05-0" + n + "T10:00:00.123456789Z"),
                Instant.parse(watermark), Map.of("challenger_validation_loss", 2.0 - n / 10.0), promoted,
                "reason " + n, model.toString(), "run-" + n);
    }

    @Test
    void rowsRoundTripAndTheChampionIsTheNewestPromoted() throws IOException {
        ModelRegistry registry = ModelRegistry.at(tmp.toString(), new Configuration());
        assertEquals(List.of(), registry.read(spark));
        assertEquals("v1", ModelRegistry.nextVersion(List.of()));
        RegistryEntry v1 = entry(registry, 1, true, "2024-01-01T00:00:00Z");
        registry.append(spark, List.of(), v1);
        RegistryEntry v2 = entry(registry, 2, false, "2024-01-03T00:00:00Z");
        registry.append(spark, registry.read(spark), v2);
        RegistryEntry v3 = entry(registry, 3, true, "2024-01-02T00:00:00Z");
        registry.append(spark, registry.read(spark), v3);

        List<RegistryEntry> rows = registry.read(spark);
        assertEquals(List.of(v1, v2, v3), rows);
        assertEquals(Instant.parse("2024-05-01T10:00:00.123456Z"), rows.get(0).created(), "microseconds kept");
        assertEquals("v3", ModelRegistry.champion(rows).orElseThrow().modelVersion());
        assertEquals("file:" + tmp.resolve("models/v3"), registry.versionDirectory("v3"), "qualified");
        assertEquals(Instant.parse("2024-01-03T00:00:00Z"), ModelRegistry.watermark(rows).orElseThrow(),
                "the newest watermark of all rows, the rejected v2's included");
        assertEquals("v4", ModelRegistry.nextVersion(rows));
        assertThrows(IllegalStateException.class, () -> registry.append(spark, rows, v3), "no version twice");
    }

    @Test
    void aRowIsNeverWrittenBeforeItsModelAndACrashBetweenTheRenamesIsRepaired() throws IOException {
        ModelRegistry registry = ModelRegistry.at(tmp.toString(), new Configuration());
        RegistryEntry v1 = entry(registry, 1, true, "2024-01-01T00:00:00Z");
        registry.append(spark, List.of(), v1);
        RegistryEntry missing = new RegistryEntry("v2", "v1", "lm", Instant.now(), Instant.now(), Map.of(), false,
                "r", tmp.resolve("models/v2/model").toString(), "run-2");
        assertThrows(IllegalStateException.class, () -> registry.append(spark, List.of(v1), missing));
        assertEquals(List.of(v1), registry.read(spark));

        // a crash after the old table was moved aside, before the new one was moved in
        Files.move(tmp.resolve("registry"), tmp.resolve(".registry-previous"));
        assertEquals(List.of(v1), registry.read(spark));
        assertTrue(Files.isDirectory(tmp.resolve("registry")));
        assertFalse(Files.exists(tmp.resolve(".registry-previous")));
    }

    @Test
    void badTablesAreRefusedNamingThePathAndTheProblem() throws IOException {
        Files.writeString(tmp.resolve("registry"), "text");
        var e = assertThrows(org.sparklstm.pipeline.ingest.InputException.class,
                () -> ModelRegistry.at(tmp.toString(), new Configuration()));
        assertTrue(e.getMessage().contains(tmp.resolve("registry") + "' is a file"), e.getMessage());

        Path other = Files.createDirectories(tmp.resolve("other"));
        spark.range(2).selectExpr("'v1' as model_version").write().parquet(other.resolve("registry").toString());
        e = assertThrows(org.sparklstm.pipeline.ingest.InputException.class,
                () -> ModelRegistry.at(other.toString(), new Configuration()).read(spark));
        assertTrue(e.getMessage().contains(other.resolve("registry") + "' is not a registry table: it has no "
                + "column parent_version (columns: model_version)"), e.getMessage());

        Path notParquet = Files.createDirectories(tmp.resolve("text/registry"));
        Files.writeString(notParquet.resolve("part-0.txt"), "hello");
        e = assertThrows(org.sparklstm.pipeline.ingest.InputException.class,
                () -> ModelRegistry.at(tmp.resolve("text").toString(), new Configuration()).read(spark));
        assertTrue(e.getMessage().contains(notParquet + "' is not a readable registry table"),
                e.getMessage());
    }
}

package org.sparklstm.pipeline.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparklstm.pipeline.flow.TrainingInputs;
import org.sparklstm.pipeline.ingest.InputException;
import org.sparklstm.pipeline.ingest.TextReading;

/** Held-out paths resolved before Spark starts: each set one to its files, a bad one named by its key. */
class LmSourcesTest {

    @TempDir
    Path tmp;

    private TrainingInputs resolve(String input, String validation, String test) {
        return LmSources.resolve(input, new HeldOutPaths(validation, test), new Configuration());
    }

    @Test
    void setPathsResolveToTheirFilesAndUnsetOnesToNone() throws IOException {
        Files.createDirectories(tmp.resolve("train"));
        Files.writeString(tmp.resolve("train/a.txt"), "a\n");
        Files.writeString(tmp.resolve("train/b.txt"), "b\n");
        Files.writeString(tmp.resolve("held.txt"), "c\n");
        TrainingInputs inputs = resolve(tmp.resolve("train").toString(), "", tmp.resolve("held*").toString());
        assertEquals(2, inputs.files().size());
        assertEquals(List.of(), inputs.validationFiles());
        assertEquals(1, inputs.testFiles().size());
        LmSources sources = LmSources.of("in", new HeldOutPaths("", tmp.resolve("held*").toString()), inputs,
                TextReading.DEFAULT);
        assertTrue(sources.validation().isEmpty());
        assertEquals("input.test-path", sources.test().orElseThrow().key());
        assertEquals(inputs.testFiles(), sources.test().orElseThrow().files());
    }

    @Test
    void aMissingOrTrainedOnHeldOutPathIsRefusedByItsKey() throws IOException {
        Files.writeString(tmp.resolve("a.txt"), "a\n");
        String input = tmp.resolve("*.txt").toString();
        String missing = tmp.resolve("missing.txt").toString();
        assertEquals("input.validation-path: '" + missing + "' does not exist (no file or folder matches)",
                assertThrows(InputException.class, () -> resolve(input, missing, "")).getMessage());
        String trainedOn = tmp.resolve("a.txt").toString();
        assertTrue(assertThrows(InputException.class, () -> resolve(input, "", trainedOn)).getMessage()
                .startsWith("input.test-path: '" + trainedOn + "' holds files that input.path trains on: [file:"));
    }
}

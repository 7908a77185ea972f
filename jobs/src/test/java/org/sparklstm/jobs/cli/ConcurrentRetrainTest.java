package org.sparklstm.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparklstm.jobs.Main;
import org.sparklstm.pipeline.registry.LockHolder;
import org.sparklstm.pipeline.registry.ModelRegistry;
import org.sparklstm.pipeline.registry.RegistryEntry;

/**
 * Three {@code retrain} processes on one registry: the first takes the lock and registers v1; one started
 * while it runs with {@code retrain.lock-wait=0s} fails at once naming it; one started with a wait queues
 * behind it and then registers v2 from the file that arrived meanwhile. No version is decided twice.
 */
class ConcurrentRetrainTest {

    static final Instant DAY1 = Instant.parse("2024-01-01T00:00:00Z");
    static final Instant DAY2 = Instant.parse("2024-01-02T00:00:00Z");

    @TempDir
    Path tmp;
    final List<Process> started = new ArrayList<>();

    @AfterEach
    void stopChildren() {
        started.forEach(Process::destroyForcibly);
    }

    @Test
    void oneRetrainAtATimeDecidesTheNextVersion() throws Exception {
        List<String> novel = Files.readAllLines(Path.of("../data-samples/austen-persuasion.txt"));
        Path input = Files.createDirectories(tmp.resolve("incoming"));
        arrive(input.resolve("part-1.txt"), novel.subList(0, 400), DAY1);
        Path registry = tmp.resolve("registry");
        Path lockFile = registry.resolve(ModelRegistry.LOCK);

        Process first = retrain(registry, input, "0s", tmp.resolve("first.log"));
        LockHolder holder = awaitLock(lockFile, first);
        assertEquals(first.pid(), holder.pid(), "the lock names the first retrain's process");
        assertEquals(System.getProperty("user.name"), holder.owner());

        // once the first has listed its files, while it trains: a new file, a retrain that will not wait and one
        // that will
        awaitLine(tmp.resolve("first.log"), "retrain v1: 1 of 1 input files are new", first);
        arrive(input.resolve("part-2.txt"), novel.subList(400, 800), DAY2);
        Process impatient = retrain(registry, input, "0s", tmp.resolve("impatient.log"));
        Process patient = retrain(registry, input, "5m", tmp.resolve("patient.log"));

        assertEquals(1, exitOf(impatient, tmp.resolve("impatient.log")));
        String refused = Files.readString(tmp.resolve("impatient.log"));
        assertTrue(refused.contains("error: the registry is locked by " + holder.describe() + " (lock file "),
                refused);
        assertTrue(refused.contains("waited PT0S (retrain.lock-wait)"), refused);
        assertTrue(first.isAlive() || exitOf(first, tmp.resolve("first.log")) == 0, "refused while the first ran");

        assertEquals(0, exitOf(first, tmp.resolve("first.log")));
        String firstLog = Files.readString(tmp.resolve("first.log"));
        assertTrue(firstLog.contains("v1 promoted: first model"), firstLog);
        assertEquals(0, exitOf(patient, tmp.resolve("patient.log")));
        String waited = Files.readString(tmp.resolve("patient.log"));
        assertTrue(waited.contains("waiting up to PT5M for the registry lock "), waited);
        assertTrue(waited.contains("held by " + holder.describe()), waited);
        assertTrue(waited.contains("retrain v2: 1 of 2 input files are new (modified after " + DAY1 + ")"), waited);

        List<RegistryEntry> rows = RetrainCommandTest.registryRows(registry.toString());
        assertEquals(List.of("v1", "v2"), rows.stream().map(RegistryEntry::modelVersion).toList());
        assertEquals(holder.runId(), rows.get(0).runId(), "v1 is the lock holder's run");
        assertEquals("v1", rows.get(1).parentVersion(), "v2 warm-started from v1, decided after it");
        assertEquals(DAY2, rows.get(1).dataWatermark());
        try (Stream<Path> models = Files.list(registry.resolve(ModelRegistry.MODELS));
             Stream<Path> top = Files.list(registry)) {
            assertEquals(List.of("v1", "v2"), models.map(p -> p.getFileName().toString()).sorted().toList());
            assertEquals(List.of(ModelRegistry.MODELS, ModelRegistry.TABLE),
                    top.map(p -> p.getFileName().toString()).sorted().toList(), "the lock is released");
        }
    }

    static void arrive(Path file, List<String> lines, Instant modified) throws IOException {
        Files.writeString(file, String.join("\n", lines) + "\n");
        Files.setLastModifiedTime(file, FileTime.from(modified));
    }

    /** {@code retrain} in a JVM of its own, on this test's classpath and module options. */
    Process retrain(Path registry, Path input, String lockWait, Path log) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx1g"));
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-opens") || a.startsWith("-Djdk.reflect")).forEach(command::add);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(), "retrain",
                "--registry", registry.toString()));
        for (String set : List.of("input.path=" + input, "spark.master=local[1]", "spark.app-name=retrain-" + lockWait,
                "sequence.length=50", "sequence.stride=50", "model.embedding=8", "model.layers=1", "model.hidden=32",
                "train.epochs=1", "train.workers=1", "train.batch-size=32", "train.learning-rate=0.01",
                "generate.length=20", "retrain.lock-wait=" + lockWait)) {
            command.addAll(List.of("--set", set));
        }
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("OMP_NUM_THREADS", "1");
        Process p = pb.start();
        started.add(p);
        return p;
    }

    /** The lock's holder, once {@code owner} has written it. */
    static LockHolder awaitLock(Path lockFile, Process owner) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(1));
        while (Instant.now().isBefore(deadline) && owner.isAlive()) {
            if (Files.exists(lockFile)) {
                try {
                    return LockHolder.fromJson(Files.readString(lockFile));
                } catch (IOException stillBeingWritten) {
                    // read again
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no lock file " + lockFile + " while the first retrain ran (alive: "
                + owner.isAlive() + ")");
    }

    /** Waits until {@code process} has printed {@code line}. */
    static void awaitLine(Path log, String line, Process process) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (Instant.now().isBefore(deadline) && process.isAlive()) {
            if (Files.readString(log).contains(line)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("never printed '" + line + "': " + Files.readString(log));
    }

    static int exitOf(Process p, Path log) throws Exception {
        if (!p.waitFor(3, TimeUnit.MINUTES)) {
            throw new AssertionError("still running after 3 minutes: " + Files.readString(log));
        }
        return p.exitValue();
    }
}

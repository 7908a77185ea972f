package org.sparklstm.pipeline.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry lock on the local FileSystem: its file, waiting, refusals naming the holder, stale locks. */
class RegistryLockTest {

    static final Duration DAY = Duration.ofDays(1);

    @TempDir
    java.nio.file.Path tmp;
    FileSystem fs;
    Path file;
    ByteArrayOutputStream console;
    PrintStream out;

    @BeforeEach
    void localFileSystem() throws IOException {
        fs = FileSystem.getLocal(new Configuration());
        file = new Path(tmp.resolve(ModelRegistry.LOCK).toUri());
        console = new ByteArrayOutputStream();
        out = new PrintStream(console, true, StandardCharsets.UTF_8);
    }

    static LockHolder me(String runId) {
        return LockHolder.current(runId, Instant.now());
    }

    RegistryLock acquire(LockHolder who, Duration wait, boolean breakStale) throws IOException {
        return RegistryLock.acquire(fs, file, who, new LockPolicy(wait, DAY, breakStale), out);
    }

    /** A lock file left by someone else. */
    void leftBehind(LockHolder other) throws IOException {
        Files.writeString(tmp.resolve(ModelRegistry.LOCK), other.toJson());
    }

    String lockText() throws IOException {
        return Files.readString(tmp.resolve(ModelRegistry.LOCK));
    }

    @Test
    void theLockFileNamesItsHolderAndIsRemovedOnRelease() throws IOException {
        LockHolder first = me("run-1");
        try (RegistryLock lock = acquire(first, Duration.ZERO, false)) {
            assertEquals(first, lock.holder());
            JsonNode json = new ObjectMapper().readTree(lockText());
            assertEquals(System.getProperty("user.name"), json.get("owner").asText());
            assertEquals(LockHolder.thisHost(), json.get("host").asText());
            assertEquals(ProcessHandle.current().pid(), json.get("pid").asLong());
            assertEquals("run-1", json.get("run_id").asText());
            assertEquals(first.started().toString(), json.get("started").asText());
            assertEquals(first, LockHolder.fromJson(lockText()));
            lock.close();
            assertFalse(Files.exists(tmp.resolve(ModelRegistry.LOCK)), "released");
        }
        assertEquals("", console.toString(StandardCharsets.UTF_8), "nothing to say about a free lock");
        try (RegistryLock again = acquire(me("run-2"), Duration.ZERO, false)) {
            assertEquals("run-2", LockHolder.fromJson(lockText()).runId(), "free again once released");
        }
        try (var left = Files.list(tmp)) {
            assertEquals(0, left.count(), "no lock file nor checksum left");
        }
    }

    @Test
    void aSecondAcquireWaitsThenFailsNamingTheHolder() throws IOException {
        LockHolder first = me("run-1");
        try (RegistryLock held = acquire(first, Duration.ZERO, false)) {
            long t0 = System.nanoTime();
            RegistryLockedException e = assertThrows(RegistryLockedException.class,
                    () -> acquire(me("run-2"), Duration.ofSeconds(1), false));
            long waited = Duration.ofNanos(System.nanoTime() - t0).toMillis();
            assertTrue(waited >= 1000 && waited < 5000, waited + " ms");
            assertEquals(first, e.holder());
            assertEquals(Staleness.LIVE, e.staleness());
            assertEquals("the registry is locked by run run-1 of " + first.owner() + " on " + first.host() + " (pid "
                    + first.pid() + ") since " + first.started() + " (lock file " + file + "); waited PT1S "
                    + "(retrain.lock-wait). Another retrain is running: try again when it is done", e.getMessage());
            assertTrue(console.toString(StandardCharsets.UTF_8).startsWith("waiting up to PT1S for the registry lock "
                    + file + ", held by run run-1 of "), console.toString(StandardCharsets.UTF_8));
            assertEquals(first, LockHolder.fromJson(lockText()), "the holder's lock is untouched");
        }
    }

    @Test
    void aWaitingAcquireGetsTheLockWhenTheHolderReleasesIt() throws Exception {
        RegistryLock held = acquire(me("run-1"), Duration.ZERO, false);
        CompletableFuture<Void> release = CompletableFuture.runAsync(() -> {
            try {
                Thread.sleep(700);
                held.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        long t0 = System.nanoTime();
        try (RegistryLock second = acquire(me("run-2"), Duration.ofSeconds(30), false)) {
            long waited = Duration.ofNanos(System.nanoTime() - t0).toMillis();
            assertTrue(waited >= 600 && waited < 10_000, waited + " ms");
            assertEquals("run-2", LockHolder.fromJson(lockText()).runId());
        }
        release.get();
    }

    @Test
    void aLockWhoseProcessIsGoneIsBrokenOnlyWithTheFlag() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        LockHolder crashed = new LockHolder("someone", LockHolder.thisHost(), gone.pid(), "run-0",
                Instant.now().minusSeconds(60));
        leftBehind(crashed);

        long t0 = System.nanoTime();
        RegistryLockedException e = assertThrows(RegistryLockedException.class,
                () -> acquire(me("run-1"), Duration.ofSeconds(30), false));
        assertTrue(System.nanoTime() - t0 < Duration.ofSeconds(10).toNanos(), "no wait for a process that is gone");
        assertEquals(Staleness.OWNER_GONE, e.staleness());
        assertEquals(crashed, e.holder());
        assertTrue(e.getMessage().startsWith("the registry is locked by run run-0 of someone on " + crashed.host()
                + " (pid " + gone.pid() + ") since " + crashed.started()), e.getMessage());
        assertTrue(e.getMessage().endsWith(", which is stale: process " + gone.pid() + " is no longer running on "
                + crashed.host() + ". If no retrain is running on this registry, run again with --break-lock"),
                e.getMessage());
        assertEquals(crashed, LockHolder.fromJson(lockText()), "never broken without the flag");

        LockHolder next = me("run-1");
        try (RegistryLock lock = acquire(next, Duration.ZERO, true)) {
            assertEquals(next, LockHolder.fromJson(lockText()));
            assertEquals("breaking the stale registry lock " + file + " of " + crashed.describe() + ": process "
                    + gone.pid() + " is no longer running on " + crashed.host() + "\n",
                    console.toString(StandardCharsets.UTF_8), "never silently");
        }
    }

    @Test
    void aLockOlderThanTheLimitIsStaleOnAnyHost() throws IOException {
        LockHolder old = new LockHolder("someone", "another-host", 4242, "run-0",
                Instant.now().minus(Duration.ofDays(2)));
        leftBehind(old);
        RegistryLockedException e = assertThrows(RegistryLockedException.class,
                () -> acquire(me("run-1"), Duration.ZERO, false));
        assertEquals(Staleness.EXPIRED, e.staleness());
        assertTrue(e.getMessage().contains("which is stale: it is older than retrain.lock-stale-after (PT24H)"),
                e.getMessage());
        try (RegistryLock lock = acquire(me("run-1"), Duration.ZERO, true)) {
            assertEquals("run-1", LockHolder.fromJson(lockText()).runId());
        }
    }

    @Test
    void aLiveLockIsNeverBrokenNorOneOnAnotherHostThatIsRecent() throws IOException {
        LockHolder first = me("run-1");
        try (RegistryLock held = acquire(first, Duration.ZERO, false)) {
            RegistryLockedException e = assertThrows(RegistryLockedException.class,
                    () -> acquire(me("run-2"), Duration.ZERO, true));
            assertEquals(Staleness.LIVE, e.staleness());
            assertTrue(e.getMessage().endsWith("(--break-lock breaks only a stale lock: its holder may still be "
                    + "running)"), e.getMessage());
            assertEquals(first, LockHolder.fromJson(lockText()));
        }
        LockHolder remote = new LockHolder("someone", "another-host", 1, "run-0", Instant.now().minusSeconds(3600));
        leftBehind(remote);
        RegistryLockedException e = assertThrows(RegistryLockedException.class,
                () -> acquire(me("run-2"), Duration.ZERO, true));
        assertEquals(Staleness.LIVE, e.staleness(), "its process cannot be seen from here");
        assertEquals(remote, LockHolder.fromJson(lockText()));
    }

    @Test
    void releasingALockThatWasBrokenMeanwhileLeavesTheNewHoldersFile() throws IOException {
        RegistryLock mine = acquire(me("run-1"), Duration.ZERO, false);
        LockHolder other = new LockHolder("someone", "another-host", 7, "run-2", Instant.now());
        Files.writeString(tmp.resolve(ModelRegistry.LOCK), other.toJson());
        mine.close();
        assertEquals(other, LockHolder.fromJson(lockText()));
        assertTrue(console.toString(StandardCharsets.UTF_8).startsWith("warning: the registry lock " + file
                + " is no longer this run's (" + other.describe() + ")"), console.toString(StandardCharsets.UTF_8));
    }
}

package org.sparklstm.jobs.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** The log a child JVM writes: read it, or wait (bounded) until a line appears in it. */
final class LogFile {

    private LogFile() {
    }

    static String read(Path log) {
        try {
            // a JVM killed mid-write may leave a broken character behind
            return Files.exists(log) ? new String(Files.readAllBytes(log), StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until {@code log} contains {@code text}; fails with the log after {@code timeout}. */
    static void await(Path log, String text, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!read(log).contains(text)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("'" + text + "' did not appear in " + log + " within " + timeout + ":\n"
                        + read(log));
            }
            Thread.sleep(200);
        }
    }
}

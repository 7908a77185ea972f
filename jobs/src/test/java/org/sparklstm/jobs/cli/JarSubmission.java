package org.sparklstm.jobs.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.sparklstm.jobs.Main;

/**
 * {@code spark-submit --class org.sparklstm.jobs.Main target/spark-lstm.jar <args>} in client mode,
 * as a child JVM whose classpath is Spark's runtime alone: the packaged jar must bring everything else.
 * Or {@code bin/spark-lstm <args>}, the launcher, whose driver ships that jar to a cluster itself.
 * The job's console (stdout) and Spark's log (stderr) go to separate files, so that a progress line
 * is never cut by a log line.
 */
final class JarSubmission {

    private final Process process;
    private final Path console;
    private final Path log;

    private JarSubmission(Process process, Path console, Path log) {
        this.process = process;
        this.console = console;
        this.log = log;
    }

    /**
     * Starts the driver.
     *
     * @param master {@code spark://...} or {@code local[2]}
     * @param conf   more {@code --conf key=value} settings
     * @param args   Main's arguments
     */
    static JarSubmission start(SparkHome sparkHome, Path console, Path log, String master, List<String> conf,
                               List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of("-Xmx2g"));
        command.addAll(SparkHome.java17Opens());
        command.addAll(List.of("org.apache.spark.deploy.SparkSubmit", "--master", master, "--deploy-mode", "client",
                "--class", "org.sparklstm.jobs.Main",
                // one BLAS thread per task slot (the job's default too); Spark adds Java 17's opens itself
                "--conf", "spark.executorEnv.OMP_NUM_THREADS=1"));
        for (String c : conf) {
            command.addAll(List.of("--conf", c));
        }
        command.add(Path.of("target", "spark-lstm.jar").toAbsolutePath().toString());
        command.addAll(args);
        return new JarSubmission(sparkHome.java(command, console, log), console, log);
    }

    /** Starts {@code bin/spark-lstm args...} as a user would (the driver on the launcher's classpath). */
    static JarSubmission launcher(Path console, Path log, List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of("..", "bin", "spark-lstm").toAbsolutePath().toString()));
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(console.toFile()).redirectError(log.toFile());
        // the launcher's default 6g is for real corpora; the test's cluster runs hold 2g
        pb.environment().put("SPARK_LSTM_DRIVER_MEMORY", "2g");
        return new JarSubmission(pb.start(), console, log);
    }

    /** Waits for the driver's exit; kills it and fails with its output after {@code timeout}. */
    int await(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            kill();
            throw new AssertionError("the driver did not finish within " + timeout + ":\n" + output());
        }
        return process.exitValue();
    }

    void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /** What the job printed. */
    String console() {
        return LogFile.read(console);
    }

    /** Waits until the job prints {@code text}; fails at once if the driver ends first. */
    void awaitConsole(String text, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!console().contains(text)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("the job did not print '" + text + "' "
                        + (process.isAlive() ? "within " + timeout : "before it ended") + ":\n" + output());
            }
            Thread.sleep(200);
        }
    }

    /** Spark's log (and the job's error messages). */
    String log() {
        return LogFile.read(log);
    }

    /** Console and log, for failure messages. */
    String output() {
        return "==== " + console + "\n" + console() + "\n==== " + log + "\n" + log();
    }
}

package org.sparklstm.jobs;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code spark-submit --class org.sparklstm.jobs.Main target/spark-lstm.jar <args>} in client mode,
 * as a child JVM whose classpath is Spark's runtime alone: the packaged jar must bring everything else.
 */
final class JarSubmission {

    private final Process process;
    private final Path log;

    private JarSubmission(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * Starts the driver.
     *
     * @param master {@code spark://...} or {@code local[2]}
     * @param conf   more {@code --conf key=value} settings
     * @param args   Main's arguments
     */
    static JarSubmission start(SparkHome sparkHome, Path log, String master, List<String> conf, List<String> args)
            throws IOException {
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
        return new JarSubmission(sparkHome.java(command, log), log);
    }

    /** Waits for the driver's exit; kills it and fails with its output after {@code timeout}. */
    int await(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor();
            throw new AssertionError("spark-submit did not finish within " + timeout + ":\n" + output());
        }
        return process.exitValue();
    }

    String output() {
        return LogFile.read(log);
    }

    Path log() {
        return log;
    }
}

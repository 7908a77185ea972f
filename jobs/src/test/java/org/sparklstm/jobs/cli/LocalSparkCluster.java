package org.sparklstm.jobs.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A Spark standalone cluster of separate JVMs on 127.0.0.1: one Master and {@code n} Workers of one
 * core each, started from the Maven jars. {@link #close()} kills every JVM it started and their
 * executors; {@link #killWorker(int)} takes one Worker away as a lost machine would.
 */
final class LocalSparkCluster implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final SparkHome sparkHome;
    private final Path dir;
    private final int masterPort;
    private final List<Process> processes = new ArrayList<>();
    private final List<Process> workers = new ArrayList<>();
    private final List<Path> logs = new ArrayList<>();

    private LocalSparkCluster(SparkHome sparkHome, Path dir, int masterPort) {
        this.sparkHome = sparkHome;
        this.dir = dir;
        this.masterPort = masterPort;
    }

    /** Starts a Master and {@code workers} Workers, each with one core, logging into {@code dir}. */
    static LocalSparkCluster start(Path dir, int workers, String workerMemory) throws IOException,
            InterruptedException {
        LocalSparkCluster cluster = new LocalSparkCluster(SparkHome.create(dir.resolve("spark-home")), dir, freePort());
        // a test JVM that is stopped before close() (a build timeout, Ctrl-C) leaves no daemons behind
        Runtime.getRuntime().addShutdownHook(new Thread(cluster::close));
        try {
            Path masterLog = cluster.launch("master.log", List.of("-Xmx256m", "org.apache.spark.deploy.master.Master",
                    "--host", "127.0.0.1", "--port", String.valueOf(cluster.masterPort),
                    "--webui-port", String.valueOf(freePort())));
            LogFile.await(masterLog, "I have been elected leader", START_TIMEOUT);
            for (int i = 0; i < workers; i++) {
                Path log = cluster.launch("worker-" + i + ".log", List.of("-Xmx256m",
                        "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1", "--cores", "1",
                        "--memory", workerMemory, "--webui-port", String.valueOf(freePort()),
                        "--work-dir", Files.createDirectories(cluster.workDir(i)).toString(), cluster.masterUrl()));
                cluster.workers.add(cluster.processes.get(cluster.processes.size() - 1));
                LogFile.await(log, "Successfully registered with master", START_TIMEOUT);
            }
            return cluster;
        } catch (IOException | InterruptedException | RuntimeException | AssertionError e) {
            String logs = cluster.logs();
            cluster.close();
            throw new IllegalStateException("the cluster did not start:\n" + logs, e);
        }
    }

    String masterUrl() {
        return "spark://127.0.0.1:" + masterPort;
    }

    SparkHome sparkHome() {
        return sparkHome;
    }

    Path workerLog(int worker) {
        return dir.resolve("worker-" + worker + ".log");
    }

    /** Where Worker {@code worker} runs its executors: {@code <app id>/<executor id>/stderr} is an executor's log. */
    Path workDir(int worker) {
        return dir.resolve("work-" + worker);
    }

    /** Kills Worker {@code worker} and the executors it started (SIGKILL: nothing gets to say goodbye). */
    void killWorker(int worker) throws InterruptedException {
        Process p = workers.get(worker);
        List<ProcessHandle> all = new ArrayList<>(p.descendants().toList());
        all.add(p.toHandle());
        all.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle h : all) {
            h.onExit().join();
        }
    }

    /** Every log of the cluster, for failure messages. */
    String logs() {
        StringBuilder text = new StringBuilder();
        for (Path log : logs) {
            text.append("==== ").append(log).append('\n').append(LogFile.read(log)).append('\n');
        }
        return text.toString();
    }

    @Override
    public void close() {
        for (Process p : processes) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        for (Process p : processes) {
            p.toHandle().onExit().join();
        }
    }

    private Path launch(String logName, List<String> args) throws IOException {
        Path log = dir.resolve(logName);
        logs.add(log);
        processes.add(sparkHome.java(args, log));
        return log;
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

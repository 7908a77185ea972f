package org.sparklstm.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparklstm.models.ModelBundle;

/**
 * spark-submit of the packaged jar to a real standalone cluster: a Master, a Worker and the
 * executors it launches are separate JVMs; the cluster's classpath is Spark's runtime alone (a
 * SPARK_HOME whose jars/ links the Spark artifacts), so the jar must bring everything else.
 */
class StandaloneClusterIT {

    private static final Path TARGET = Path.of("target").toAbsolutePath();
    private static final List<Process> PROCESSES = new ArrayList<>();

    @TempDir
    static Path tmp;

    @AfterAll
    static void stopCluster() {
        PROCESSES.forEach(p -> p.descendants().forEach(ProcessHandle::destroyForcibly));
        PROCESSES.forEach(Process::destroyForcibly);
    }

    @Test
    void sparkSubmitToStandaloneClusterTrainsAndWritesTheRun() throws Exception {
        Path sparkHome = sparkHome();
        int masterPort = freePort();
        String master = "spark://127.0.0.1:" + masterPort;
        Path masterLog = tmp.resolve("master.log");
        start(sparkHome, masterLog, List.of("-Xmx512m", "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1",
                "--port", String.valueOf(masterPort), "--webui-port", String.valueOf(freePort())));
        awaitLine(masterLog, "I have been elected leader");
        Path workerLog = tmp.resolve("worker.log");
        start(sparkHome, workerLog, List.of("-Xmx512m", "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1",
                "--cores", "2", "--memory", "8g", "--webui-port", String.valueOf(freePort()), master));
        awaitLine(workerLog, "Successfully registered with master");

        Path run = tmp.resolve("run");
        Path driverOut = tmp.resolve("driver.out");
        List<String> submit = new ArrayList<>(List.of("-Xmx2g"));
        submit.addAll(List.of(System.getProperty("java17.opens", "").split(" ")));
        submit.addAll(List.of("org.apache.spark.deploy.SparkSubmit", "--master", master, "--deploy-mode", "client",
                "--class", "org.sparklstm.jobs.Main", "--conf", "spark.executor.memory=3g",
                TARGET.resolve("spark-lstm.jar").toString(), "train", "--config", "../conf/quickstart.conf",
                "--set", "input.path=" + Path.of("../data-samples/austen-persuasion.txt").toAbsolutePath(),
                "--set", "output.path=" + run, "--set", "train.epochs=1"));
        Process driver = start(sparkHome, driverOut, submit);
        if (!driver.waitFor(8, TimeUnit.MINUTES)) {
            fail("spark-submit did not finish in 8 minutes:\n" + Files.readString(driverOut));
        }
        String out = Files.readString(driverOut);
        assertEquals(0, driver.exitValue(), out);
        assertTrue(out.contains("Spark " + master + " with"), out);
        assertTrue(out.contains("(beaten)"), out);
        for (String table : List.of("metrics", "runs", "quarantine")) {
            assertTrue(Files.exists(run.resolve(table).resolve("_SUCCESS")), table);
        }
        ModelBundle bundle = ModelBundle.load(new org.apache.hadoop.fs.Path(run.resolve("model").toUri()),
                new Configuration());
        assertEquals(77, bundle.vocabulary().size());
        // the executors really ran in the Worker's JVMs
        assertTrue(Files.readString(workerLog).contains("Launch command"), "worker launched executors");
    }

    private static Path sparkHome() throws IOException {
        Path jars = tmp.resolve("spark-home/jars");
        Files.createDirectories(jars);
        String classpath = Files.readString(TARGET.resolve("spark-runtime-classpath.txt")).trim();
        for (String entry : classpath.split(File.pathSeparator)) {
            Path jar = Path.of(entry);
            Files.createSymbolicLink(jars.resolve(jar.getFileName()), jar);
        }
        return tmp.resolve("spark-home");
    }

    private static Process start(Path sparkHome, Path log, List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", sparkHome.resolve("jars") + "/*"));
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("SPARK_HOME", sparkHome.toString());
        pb.environment().put("SPARK_SCALA_VERSION", "2.12");
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        pb.environment().put("OMP_NUM_THREADS", "1");
        Process p = pb.start();
        PROCESSES.add(p);
        return p;
    }

    private static void awaitLine(Path log, String text) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readString(log).contains(text)) {
                return;
            }
            Thread.sleep(250);
        }
        fail("'" + text + "' did not appear in " + log + ":\n" + Files.readString(log));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}

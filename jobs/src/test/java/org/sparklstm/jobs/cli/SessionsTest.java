package org.sparklstm.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparklstm.jobs.config.JobConfig;

/** Which masters get the launcher's application jar in spark.jars, and which master wins. */
class SessionsTest {

    private static final String JAR = "/opt/spark-lstm/jobs/target/spark-lstm.jar";

    @Test
    void aClusterMasterOfTheConfigShipsTheApplicationJar() {
        // local-cluster[...] starts executor JVMs of its own too
        for (String master : List.of("spark://127.0.0.1:7077", "yarn", "k8s://https://api:6443",
                "local-cluster[2,1,1024]")) {
            SparkConf conf = Sessions.conf(new JobConfig.Spark(master, "spark-lstm"), new SparkConf(false), JAR);
            assertEquals(master, conf.get("spark.master"));
            assertEquals(JAR, conf.get("spark.jars"), master);
        }
    }

    @Test
    void localMastersShipNothing() {
        for (String master : List.of("local", "local[2]", "local[*]", "local[2,3]")) {
            SparkConf conf = Sessions.conf(new JobConfig.Spark(master, "spark-lstm"), new SparkConf(false), JAR);
            assertFalse(conf.contains("spark.jars"), master);
        }
    }

    @Test
    void aMasterSetOutsideTheConfigWinsAndDecides() {
        SparkConf toCluster = new SparkConf(false).setMaster("spark://master-host:7077");
        Sessions.conf(new JobConfig.Spark("local[*]", "spark-lstm"), toCluster, JAR);
        assertEquals("spark://master-host:7077", toCluster.get("spark.master"));
        assertEquals(JAR, toCluster.get("spark.jars"));

        SparkConf local = new SparkConf(false).setMaster("local[2]");
        Sessions.conf(new JobConfig.Spark("yarn", "spark-lstm"), local, JAR);
        assertEquals("local[2]", local.get("spark.master"));
        assertFalse(local.contains("spark.jars"));
    }

    @Test
    void theUsersJarsAreKeptAndTheApplicationJarIsListedOnce() {
        SparkConf conf = new SparkConf(false).set("spark.jars", "/opt/hadoop-aws.jar");
        Sessions.conf(new JobConfig.Spark("yarn", "spark-lstm"), conf, JAR);
        assertEquals("/opt/hadoop-aws.jar," + JAR, conf.get("spark.jars"));

        SparkConf listed = new SparkConf(false).set("spark.jars", JAR + ", /opt/hadoop-aws.jar");
        Sessions.conf(new JobConfig.Spark("yarn", "spark-lstm"), listed, JAR);
        assertEquals(JAR + ", /opt/hadoop-aws.jar", listed.get("spark.jars"));
    }

    @Test
    void withoutTheLauncherJarNothingIsShipped() {
        // spark-submit sets spark.jars to its own jar and no launcher property
        SparkConf conf = Sessions.conf(new JobConfig.Spark("spark://master-host:7077", "spark-lstm"),
                new SparkConf(false), null);
        assertFalse(conf.contains("spark.jars"));
        assertEquals("1", conf.get("spark.executorEnv.OMP_NUM_THREADS"));
    }

    @Test
    void yarnAndKubernetesWithoutTheirSchedulerAndWithoutSparkHomeAreRefusedSayingWhatToDo() {
        // the tests' classpath is the launcher's: Spark without spark-yarn and spark-kubernetes
        for (String master : List.of("yarn", "k8s://https://api:6443")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Sessions.requireScheduler(master, "/opt/spark-lstm.jar", null));
            assertTrue(e.getMessage().contains("spark.master " + master + " needs Spark's"), e.getMessage());
            assertTrue(e.getMessage().contains("set SPARK_HOME to the cluster's Spark"), e.getMessage());
        }
        Sessions.requireScheduler("spark://master-host:7077", "/opt/spark-lstm.jar", null);
        Sessions.requireScheduler("local[2]", null, null);
    }

    @Test
    void theLauncherHandsYarnAndKubernetesToTheClusterSparkSubmitAndReturnsItsExitCode(@TempDir Path sparkHome)
            throws Exception {
        // a Spark installation whose spark-submit writes down how it was called and exits with 7
        Path submit = Files.createDirectories(sparkHome.resolve("bin")).resolve("spark-submit");
        Path called = sparkHome.resolve("called.txt");
        Files.writeString(submit, "#!/bin/sh\nprintf '%s\\n' \"$@\" > '" + called + "'\nexit 7\n");
        submit.toFile().setExecutable(true);
        ClusterSubmit handed = assertThrows(ClusterSubmit.class,
                () -> Sessions.requireScheduler("yarn", "/opt/spark-lstm.jar", sparkHome.toString()));
        List<String> args = List.of("train", "--config", "conf/lm-word.conf", "--set", "spark.master=yarn");
        assertEquals(7, handed.run(args, "4g"));
        assertEquals(List.of("--master", "yarn", "--deploy-mode", "client", "--class", "org.sparklstm.jobs.Main",
                "--driver-memory", "4g", "/opt/spark-lstm.jar", "train", "--config", "conf/lm-word.conf", "--set",
                "spark.master=yarn"), Files.readAllLines(called));
        // spark-submit itself (no launcher jar) never hands the command on
        assertThrows(IllegalArgumentException.class, () -> Sessions.requireScheduler("yarn", null, sparkHome.toString()));
    }
}

package org.sparklstm.jobs.cli;

import java.util.Arrays;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.sparklstm.jobs.config.JobConfig;
import org.sparklstm.pipeline.io.KryoRecords;

/**
 * Builds the SparkSession of a job; a master set by spark-submit wins over the config's. On a cluster
 * master, a job started by bin/spark-lstm (not spark-submit) ships the application jar to the executors.
 */
public final class Sessions {

    /**
     * The shaded application jar, set by bin/spark-lstm. spark-submit ships its jar itself; the launcher
     * runs from the class folders, so without this the executors would not have the job's classes.
     */
    static final String APPLICATION_JAR = "spark-lstm.jar";

    private Sessions() {
    }

    public static SparkSession create(JobConfig.Spark spark) {
        String jar = System.getProperty(APPLICATION_JAR);
        SparkConf conf = conf(spark, new SparkConf(), jar);
        requireScheduler(conf.get("spark.master"), jar, System.getenv("SPARK_HOME"));
        return SparkSession.builder().config(conf).getOrCreate();
    }

    /** The session's settings over {@code conf} (spark.* system properties), {@code applicationJar} may be null. */
    static SparkConf conf(JobConfig.Spark spark, SparkConf conf, String applicationJar) {
        if (!conf.contains("spark.master")) {
            conf.setMaster(spark.master());
        }
        conf.setAppName(spark.appName())
                // one BLAS thread per task slot: more only contend for the same cores
                .setIfMissing("spark.executorEnv.OMP_NUM_THREADS", "1")
                .setIfMissing("spark.ui.showConsoleProgress", "false")
                .setIfMissing("spark.sql.shuffle.partitions", "8")
                // takes effect only where spark.serializer is Kryo
                .setIfMissing("spark.kryo.registrator", KryoRecords.class.getName());
        if (applicationJar != null && !isLocal(conf.get("spark.master"))) {
            shipJar(conf, applicationJar);
        }
        return conf;
    }

    /** local, local[N], local[N,F] and local[*] run the executors in this JVM; every other master starts theirs. */
    static boolean isLocal(String master) {
        return master.equals("local") || master.startsWith("local[");
    }

    /**
     * Spark finds the YARN and Kubernetes schedulers on the classpath: a cluster's spark-submit has them, the
     * launcher's embedded Spark has not, and Spark's own error ("Could not parse Master URL") hides why. A command
     * started by the launcher ({@code applicationJar} set) is then handed to {@code $SPARK_HOME/bin/spark-submit}
     * (a {@link ClusterSubmit} thrown to {@code Main}); without one it fails saying what to do.
     */
    static void requireScheduler(String master, String applicationJar, String sparkHome) {
        boolean yarn = master.equals("yarn");
        if (!yarn && !master.startsWith("k8s://")) {
            return;
        }
        String scheduler = yarn ? "org.apache.spark.scheduler.cluster.YarnClusterManager"
                : "org.apache.spark.scheduler.cluster.k8s.KubernetesClusterManager";
        try {
            Class.forName(scheduler, false, Sessions.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            var sparkSubmit = ClusterSubmit.sparkSubmitIn(sparkHome);
            if (applicationJar != null && sparkSubmit.isPresent()) {
                throw new ClusterSubmit(master, sparkSubmit.get(), applicationJar);
            }
            String support = yarn ? "YARN" : "Kubernetes";
            throw new IllegalArgumentException("spark.master " + master + " needs Spark's " + support + " support,"
                    + " which bin/spark-lstm's Spark does not include: set SPARK_HOME to the cluster's Spark and"
                    + " bin/spark-lstm submits through its spark-submit, or submit jobs/target/spark-lstm.jar"
                    + " yourself (README: Running on a cluster)");
        }
    }

    /** Adds {@code jar} to spark.jars, keeping the jars the user listed there. */
    private static void shipJar(SparkConf conf, String jar) {
        String jars = conf.get("spark.jars", "").trim();
        if (jars.isEmpty()) {
            conf.set("spark.jars", jar);
        } else if (!Arrays.asList(jars.split("\\s*,\\s*")).contains(jar)) {
            conf.set("spark.jars", jars + "," + jar);
        }
    }
}

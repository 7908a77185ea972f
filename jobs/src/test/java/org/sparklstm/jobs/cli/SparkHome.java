package org.sparklstm.jobs.cli;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a Spark distribution provides, made from the Maven jars: a folder whose {@code jars/} links
 * Spark's runtime (target/spark-runtime-classpath.txt), and JVMs started on that classpath alone, as
 * spark-submit, a Master, a Worker and the Worker's executors are.
 */
final class SparkHome {

    private final Path home;

    private SparkHome(Path home) {
        this.home = home;
    }

    /** Links the runtime jars into {@code home/jars}. */
    static SparkHome create(Path home) throws IOException {
        Path jars = Files.createDirectories(home.resolve("jars"));
        String classpath = Files.readString(Path.of("target", "spark-runtime-classpath.txt")).trim();
        for (String entry : classpath.split(File.pathSeparator)) {
            Path jar = Path.of(entry);
            Files.createSymbolicLink(jars.resolve(jar.getFileName()), jar);
        }
        return new SparkHome(home);
    }

    Path path() {
        return home;
    }

    /** Starts {@code java -cp jars/* args...} with stdout and stderr in {@code log}. */
    Process java(List<String> args, Path log) throws IOException {
        return java(args, log, log);
    }

    /** Starts {@code java -cp jars/* args...} with stdout in {@code out} and stderr in {@code err}. */
    Process java(List<String> args, Path out, Path err) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", home.resolve("jars") + File.separator + "*"));
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile());
        if (out.equals(err)) {
            pb.redirectErrorStream(true);
        } else {
            pb.redirectError(err.toFile());
        }
        // the Worker starts executors from SPARK_HOME/jars; without a Scala version it looks for a build tree
        pb.environment().put("SPARK_HOME", home.toString());
        pb.environment().put("SPARK_SCALA_VERSION", "2.12");
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        // one BLAS thread per task slot in every JVM, as the launcher sets it
        pb.environment().put("OMP_NUM_THREADS", "1");
        return pb.start();
    }

    /** Spark's module opens for Java 17, from the build (failsafe passes them as a system property). */
    static List<String> java17Opens() {
        String opens = System.getProperty("java17.opens", "").trim();
        return opens.isEmpty() ? List.of() : List.of(opens.split("\\s+"));
    }
}

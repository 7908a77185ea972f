package org.sparklstm.jobs.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.sparklstm.jobs.Main;

/**
 * A command started by bin/spark-lstm for a master whose scheduler its embedded Spark lacks (YARN, Kubernetes) is
 * handed to the cluster's own {@code spark-submit} ({@code $SPARK_HOME/bin/spark-submit}) with the shaded application
 * jar and the same arguments, in client mode: the driver stays on this machine, prints here, and its exit code is
 * this command's.
 */
public final class ClusterSubmit extends RuntimeException {

    private final String master;
    private final Path sparkSubmit;
    private final String applicationJar;

    ClusterSubmit(String master, Path sparkSubmit, String applicationJar) {
        super("spark.master " + master + ": submitted through " + sparkSubmit);
        this.master = master;
        this.sparkSubmit = sparkSubmit;
        this.applicationJar = applicationJar;
    }

    /** The cluster's spark-submit, where {@code sparkHome} (SPARK_HOME) names a Spark installation that has one. */
    static Optional<Path> sparkSubmitIn(String sparkHome) {
        if (sparkHome == null || sparkHome.isBlank()) {
            return Optional.empty();
        }
        Path submit = Path.of(sparkHome, "bin", "spark-submit");
        return Files.isExecutable(submit) ? Optional.of(submit) : Optional.empty();
    }

    /** The command line that runs {@code args} on the cluster. */
    List<String> command(List<String> args, String driverMemory) {
        List<String> command = new ArrayList<>(List.of(sparkSubmit.toString(), "--master", master, "--deploy-mode",
                "client", "--class", Main.class.getName()));
        if (driverMemory != null && !driverMemory.isBlank()) {
            command.addAll(List.of("--driver-memory", driverMemory));
        }
        command.add(applicationJar);
        command.addAll(args);
        return command;
    }

    /** Runs {@code args} through spark-submit, its output this process's; returns its exit code. */
    public int run(List<String> args, String driverMemory) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command(args, driverMemory)).inheritIO().start();
        return process.waitFor();
    }
}

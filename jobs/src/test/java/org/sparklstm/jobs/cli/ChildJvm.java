package org.sparklstm.jobs.cli;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code org.sparklstm.jobs.Main} in a JVM of its own, with the launcher's classpath and settings. */
final class ChildJvm {

    private static final Path TARGET = Path.of("target").toAbsolutePath();

    private ChildJvm() {
    }

    /**
     * @param jvmOptions the heap and any other JVM options
     * @param log        where its console output goes
     */
    static Process start(List<String> jvmOptions, Path log, List<String> args) throws IOException {
        String classpath = String.join(File.pathSeparator, TARGET.resolve("classes").toString(),
                TARGET.resolve("../../pipeline/target/classes").normalize().toString(),
                TARGET.resolve("../../models/target/classes").normalize().toString(),
                Files.readString(TARGET.resolve("classpath.txt")).trim());
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of(System.getProperty("java17.opens", "").split(" ")));
        command.addAll(List.of("-cp", classpath, "org.sparklstm.jobs.Main"));
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("OMP_NUM_THREADS", "1");
        return pb.start();
    }
}

package org.sparklstm.jobs.bench;

import com.google.gson.Gson;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sparklstm.jobs.Main;
import org.sparklstm.jobs.config.JobConfig;

/**
 * Runs each {@link BenchCase} in a process of its own, so that its peak memory and threads are its own: a
 * JVM for our trainers and DL4J's, Python for the PyTorch reference. A case that fails gives its error.
 */
final class BenchProcesses {

    private final JobConfig config;

    BenchProcesses(JobConfig config) {
        this.config = config;
    }

    Map<String, Object> java(BenchCase c, Path configFile) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(), "bench-case",
                c.spec(), "--config", configFile.toString()));
        return run(c, command);
    }

    Map<String, Object> python(BenchCase c) throws IOException, InterruptedException {
        JobConfig.Bench b = config.bench();
        if (b.python().isBlank()) {
            return failed(c, "skipped: bench.python is empty");
        }
        var m = config.model();
        var t = config.train();
        int warmSteps = ((b.warmupMinibatches() + c.frequency() - 1) / c.frequency()) * c.frequency() * c.workers();
        List<String> command = List.of(b.python(), "bench/pytorch_reference.py", "--input", config.inputPath(),
                "--sequence", String.valueOf(config.lm().window().length()), "--batch", String.valueOf(t.batchSize()),
                "--embedding", String.valueOf(m.embedding()), "--hidden", String.valueOf(m.hidden()),
                "--layers", String.valueOf(m.layers()), "--lr", String.valueOf(m.learningRate()),
                "--clip", String.valueOf(m.clipNorm()), "--tbptt", String.valueOf(t.tbpttLength()),
                "--warmup-steps", String.valueOf(warmSteps),
                "--steps-per-round", String.valueOf(c.frequency() * c.workers()),
                "--rounds", String.valueOf(Math.max(3, c.minibatches() / c.frequency())),
                "--validation-fraction", String.valueOf(config.lm().window().validationFraction()),
                "--validation-windows", String.valueOf(b.validationWindows()),
                "--threads", c.ompThreads(), "--seed", String.valueOf(t.seed()));
        return run(c, command);
    }

    private Map<String, Object> run(BenchCase c, List<String> command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        if (c.ompThreads().isEmpty()) {
            pb.environment().remove("OMP_NUM_THREADS");
        } else {
            pb.environment().put("OMP_NUM_THREADS", c.ompThreads());
        }
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            return failed(c, "could not start " + command.get(0) + ": " + e.getMessage());
        }
        List<String> lines = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        int exit = p.waitFor();
        for (String line : lines) {
            if (line.startsWith(BenchChild.PREFIX)) {
                @SuppressWarnings("unchecked")
                Map<String, Object> r = new Gson().fromJson(line.substring(BenchChild.PREFIX.length()), LinkedHashMap.class);
                r.put("case", c);
                return r;
            }
        }
        String tail = String.join("\n", lines.subList(Math.max(0, lines.size() - 8), lines.size()));
        return failed(c, "exit " + exit + ": " + tail);
    }

    private static Map<String, Object> failed(BenchCase c, String error) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("case", c);
        r.put("error", error);
        return r;
    }
}

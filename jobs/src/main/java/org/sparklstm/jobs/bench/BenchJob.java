package org.sparklstm.jobs.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.sparklstm.jobs.config.JobConfig;
import org.sparklstm.pipeline.io.HadoopConf;
import org.sparklstm.pipeline.io.RunDirectory;
import org.sparklstm.pipeline.io.RunIds;

/**
 * {@code bench}: our trainer, single-process DL4J, dl4j-spark and the PyTorch reference on the same
 * data, one after another, each in its own process; then the averaging cost at several frequencies
 * and the BLAS's matrix-multiply peak. Writes {@code <bench.output-path>/benchmarks} and prints a table.
 */
public final class BenchJob {

    private final JobConfig config;
    private final boolean overwrite;
    private final PrintStream out;

    public BenchJob(JobConfig config, boolean overwrite, PrintStream out) {
        this.config = config;
        this.overwrite = overwrite;
        this.out = out;
    }

    List<BenchCase> cases() {
        JobConfig.Bench b = config.bench();
        int n = b.minibatches();
        int f = config.train().averagingFrequency();
        double scale = config.train().updateScale();
        List<BenchCase> cases = new ArrayList<>(List.of(
                new BenchCase("ours: parameter averaging, local[2], 2 workers", "averaging", 2, f, n, "1", scale),
                new BenchCase("ours with DL4J's LSTM layer instead of FusedLstm", "averaging-dl4j-lstm", 2, f, n, "1",
                        scale),
                new BenchCase("ours: synchronous gradients, local[2], 2 workers x half the batch", "sync-gradients", 2, f,
                        n, "1", 1),
                new BenchCase("DL4J single process, 1 thread", "dl4j", 2, f, n, "1", 1),
                new BenchCase("single process with FusedLstm, 1 thread (no Spark)", "dl4j-fused", 2, f, n, "1", 1),
                new BenchCase("DL4J single process, default threads", "dl4j", 2, f, n, "", 1),
                new BenchCase("dl4j-spark ParameterAveragingTrainingMaster, local[2]", "dl4j-spark", 2, f, n, "1", 1),
                new BenchCase("PyTorch reference, 2 threads", "pytorch", 2, f, n, "2", 1)));
        if (scale == 1.0) {
            cases.add(new BenchCase("ours, summed updates (update-scale 2)", "averaging", 2, f, n, "1", 2));
        }
        for (int other : b.frequencies()) {
            if (other != f) {
                int measured = Math.max(n, 3 * other);
                int fitted = (b.warmupMinibatches() + other - 1) / other * other + measured / other * other;
                cases.add(new BenchCase("ours, averaging every " + other + " (" + fitted + " minibatches per worker)",
                        "averaging", 2, other, measured, "1", scale));
            }
        }
        cases.add(new BenchCase("SGEMM peak of ND4J's OpenBLAS, 2 threads", "sgemm", 0, 1, 0, "2", 1));
        return cases;
    }

    public void run() throws IOException, InterruptedException {
        Configuration hadoop = HadoopConf.forJobs();
        RunDirectory.checkWritable("bench.output-path", config.bench().outputPath(), overwrite, hadoop);
        String runId = RunIds.of(java.time.Instant.now());
        Path configFile = Files.createTempFile("spark-lstm-bench", ".conf");
        Files.writeString(configFile, config.resolvedJson());
        List<Map<String, Object>> results = new ArrayList<>();
        BenchProcesses processes = new BenchProcesses(config);
        try {
            for (BenchCase c : cases()) {
                out.printf("bench: %s ...%n", c.name());
                Map<String, Object> r = c.trainer().equals("pytorch") ? processes.python(c) : processes.java(c, configFile);
                out.printf("bench: %s: %s%n", c.name(), BenchReport.summary(r));
                results.add(r);
            }
        } finally {
            Files.deleteIfExists(configFile);
        }
        new BenchReport(config, out).write(runId, results);
    }
}

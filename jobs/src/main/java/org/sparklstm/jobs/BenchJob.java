package org.sparklstm.jobs;

import com.google.gson.Gson;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.sparklstm.pipeline.io.RunDirectory;
import org.sparklstm.pipeline.io.Tables;

/**
 * {@code bench}: our trainer, single-process DL4J, dl4j-spark and the PyTorch reference on the same
 * data, one after another, each in its own process; then the averaging cost at several frequencies
 * and the BLAS's matrix-multiply peak. Writes {@code <bench.output-path>/benchmarks} and prints a table.
 */
final class BenchJob {

    /** Floating-point operations per training token of the reference configuration (forward and backward). */
    static final double FLOP_PER_TOKEN = 5.2e6;

    static final StructType SCHEMA = new StructType()
            .add("run_id", DataTypes.StringType, false)
            .add("case", DataTypes.StringType, false)
            .add("trainer", DataTypes.StringType, false)
            .add("workers", DataTypes.IntegerType, false)
            .add("averaging_frequency", DataTypes.IntegerType, false)
            .add("omp_threads", DataTypes.StringType, false)
            .add("tokens_per_second", DataTypes.DoubleType, true)
            .add("rounds", DataTypes.IntegerType, true)
            .add("training_tokens", DataTypes.LongType, true)
            .add("validation_loss", DataTypes.DoubleType, true)
            .add("overhead_share", DataTypes.DoubleType, true)
            .add("peak_rss_mb", DataTypes.DoubleType, true)
            .add("gflops", DataTypes.DoubleType, true)
            .add("ours_speedup", DataTypes.DoubleType, true)
            .add("error", DataTypes.StringType, true);

    private final JobConfig config;
    private final boolean overwrite;
    private final PrintStream out;

    BenchJob(JobConfig config, boolean overwrite, PrintStream out) {
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

    void run() throws IOException, InterruptedException {
        Configuration hadoop = HadoopConf.forJobs();
        RunDirectory.checkWritable("bench.output-path", config.bench().outputPath(), overwrite, hadoop);
        String runId = "bench-" + UUID.randomUUID().toString().substring(0, 8);
        Path configFile = Files.createTempFile("spark-lstm-bench", ".conf");
        Files.writeString(configFile, config.resolvedJson());
        List<Map<String, Object>> results = new ArrayList<>();
        try {
            for (BenchCase c : cases()) {
                out.printf("bench: %s ...%n", c.name());
                Map<String, Object> r = c.trainer().equals("pytorch") ? runPython(c) : runJava(c, configFile);
                out.printf("bench: %s: %s%n", c.name(), summary(r));
                results.add(r);
            }
        } finally {
            Files.deleteIfExists(configFile);
        }
        write(runId, results);
    }

    private Map<String, Object> runJava(BenchCase c, Path configFile) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(), "bench-case",
                c.spec(), "--config", configFile.toString()));
        return runChild(c, command);
    }

    private Map<String, Object> runPython(BenchCase c) throws IOException, InterruptedException {
        JobConfig.Bench b = config.bench();
        if (b.python().isBlank()) {
            return failed(c, "skipped: bench.python is empty");
        }
        var m = config.model();
        var t = config.train();
        int warmSteps = ((b.warmupMinibatches() + c.frequency() - 1) / c.frequency()) * c.frequency() * c.workers();
        List<String> command = List.of(b.python(), "bench/pytorch_reference.py", "--input", config.inputPath(),
                "--sequence", String.valueOf(config.window().length()), "--batch", String.valueOf(t.batchSize()),
                "--embedding", String.valueOf(m.embedding()), "--hidden", String.valueOf(m.hidden()),
                "--layers", String.valueOf(m.layers()), "--lr", String.valueOf(m.learningRate()),
                "--clip", String.valueOf(m.clipNorm()), "--tbptt", String.valueOf(m.tbpttLength()),
                "--warmup-steps", String.valueOf(warmSteps),
                "--steps-per-round", String.valueOf(c.frequency() * c.workers()),
                "--rounds", String.valueOf(Math.max(3, c.minibatches() / c.frequency())),
                "--validation-fraction", String.valueOf(config.window().validationFraction()),
                "--validation-windows", String.valueOf(b.validationWindows()),
                "--threads", c.ompThreads(), "--seed", String.valueOf(t.seed()));
        return runChild(c, command);
    }

    private Map<String, Object> runChild(BenchCase c, List<String> command) throws IOException, InterruptedException {
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

    private static String summary(Map<String, Object> r) {
        if (r.containsKey("error")) {
            return "FAILED " + r.get("error");
        }
        if (r.containsKey("gflops_large")) {
            return String.format("%.1f GFLOP/s (2048^3), %.1f GFLOP/s (64x320 by 320x1024)",
                    number(r, "gflops_large"), number(r, "gflops_lstm_shaped"));
        }
        return String.format("%,.0f tokens/s (median of %d rounds), validation loss %.4f, peak RSS %,.0f MB",
                number(r, "tokens_per_second"), (int) number(r, "rounds"), number(r, "validation_loss"),
                number(r, "peak_rss_mb"));
    }

    private static double number(Map<String, Object> r, String key) {
        Object v = r.get(key);
        return v instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    private static Double orNull(Map<String, Object> r, String key) {
        double v = number(r, key);
        return Double.isNaN(v) ? null : v;
    }

    private void write(String runId, List<Map<String, Object>> results) throws IOException {
        double ours = number(results.get(0), "tokens_per_second");
        double peak = results.stream().mapToDouble(r -> number(r, "gflops_large")).filter(d -> !Double.isNaN(d))
                .findFirst().orElse(Double.NaN);
        List<Row> rows = new ArrayList<>();
        out.println();
        out.println("| case | tokens/s (median) | ours / this | validation loss | overhead share | peak RSS MB |");
        out.println("|---|---|---|---|---|---|");
        for (Map<String, Object> r : results) {
            BenchCase c = (BenchCase) r.get("case");
            Double rate = orNull(r, "tokens_per_second");
            Double speedup = rate == null ? null : ours / rate;
            Double gflops = c.trainer().equals("sgemm") ? orNull(r, "gflops_large")
                    : rate == null ? null : rate * FLOP_PER_TOKEN / 1e9;
            Double rounds = orNull(r, "rounds");
            Double tokens = orNull(r, "training_tokens");
            rows.add(RowFactory.create(runId, c.name(), c.trainer(), c.workers(), c.frequency(),
                    c.ompThreads().isEmpty() ? "default" : c.ompThreads(), rate,
                    rounds == null ? null : rounds.intValue(), tokens == null ? null : tokens.longValue(),
                    orNull(r, "validation_loss"), orNull(r, "overhead_share"), orNull(r, "peak_rss_mb"), gflops,
                    speedup, (String) r.get("error")));
            if (c.trainer().equals("sgemm")) {
                out.printf("| %s | %s | | | | %s |%n", c.name(), summary(r), fmt(orNull(r, "peak_rss_mb"), "%,.0f"));
            } else {
                out.printf("| %s | %s | %s | %s | %s | %s |%n", c.name(), fmt(rate, "%,.0f"), fmt(speedup, "%.2fx"),
                        fmt(orNull(r, "validation_loss"), "%.4f"), fmt(orNull(r, "overhead_share"), "%.1f%%", 100),
                        fmt(orNull(r, "peak_rss_mb"), "%,.0f"));
            }
        }
        out.printf("%nours: %,.0f tokens/s x %.1f MFLOP/token = %.1f GFLOP/s, %.0f%% of the %.1f GFLOP/s SGEMM peak%n",
                ours, FLOP_PER_TOKEN / 1e6, ours * FLOP_PER_TOKEN / 1e9, 100 * ours * FLOP_PER_TOKEN / 1e9 / peak, peak);
        SparkSession spark = Sessions.create(new JobConfig.Spark("local[1]", "spark-lstm bench"));
        try {
            out.println("table: " + Tables.writeRun(spark, rows, SCHEMA, config.bench().outputPath(), "benchmarks"));
        } finally {
            spark.stop();
        }
    }

    private static String fmt(Double v, String format) {
        return fmt(v, format, 1);
    }

    private static String fmt(Double v, String format, double scale) {
        return v == null ? "-" : String.format(format, v * scale);
    }
}

package org.sparklstm.jobs.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.sparklstm.jobs.cli.Sessions;
import org.sparklstm.jobs.config.JobConfig;
import org.sparklstm.pipeline.io.Tables;

/** The results of a {@code bench} run: a table on the console and the {@code benchmarks} Parquet table. */
final class BenchReport {

    /** Floating-point operations per training token of the reference configuration (forward and backward). */
    static final double FLOP_PER_TOKEN = 5.2e6;

    private final JobConfig config;
    private final PrintStream out;

    BenchReport(JobConfig config, PrintStream out) {
        this.config = config;
        this.out = out;
    }

    static String summary(Map<String, Object> r) {
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

    void write(String runId, List<Map<String, Object>> results) throws IOException {
        double ours = number(results.get(0), "tokens_per_second");
        double peak = results.stream().mapToDouble(r -> number(r, "gflops_large")).filter(d -> !Double.isNaN(d))
                .findFirst().orElse(Double.NaN);
        List<BenchmarksRow> rows = new ArrayList<>();
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
            rows.add(new BenchmarksRow(runId, c.name(), c.trainer(), c.workers(), c.frequency(),
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
            out.println("table: " + Tables.writeRun(spark, BenchmarksRow.TABLE, rows, config.bench().outputPath(),
                    "benchmarks"));
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

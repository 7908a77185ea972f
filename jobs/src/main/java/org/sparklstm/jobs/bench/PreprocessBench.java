package org.sparklstm.jobs.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongSupplier;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.feature.CountVectorizer;
import org.apache.spark.ml.feature.CountVectorizerModel;
import org.apache.spark.ml.feature.RegexTokenizer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.sparklstm.jobs.cli.Sessions;
import org.sparklstm.jobs.config.JobConfig;
import org.sparklstm.models.text.LineEnd;
import org.sparklstm.models.text.TokenizerSpec;
import org.sparklstm.pipeline.ingest.InputFiles;
import org.sparklstm.pipeline.io.HadoopConf;
import org.sparklstm.pipeline.io.RunDirectory;
import org.sparklstm.pipeline.io.RunIds;
import org.sparklstm.pipeline.io.Tables;
import org.sparklstm.pipeline.lm.LanguageModelData;
import org.sparklstm.pipeline.lm.LmSources;

/**
 * {@code bench-preprocess}: MB/s of our preprocessing (ingest, vocabulary, encode, windows, worker
 * blocks) with the char and the word tokenizer, beside Spark MLlib's RegexTokenizer + CountVectorizer
 * (fit and transform) on the same text. Medians of three runs after a warm-up; writes
 * {@code <bench.output-path>-preprocessing/preprocessing}.
 */
public final class PreprocessBench {

    private final JobConfig config;
    private final boolean overwrite;
    private final PrintStream out;

    public PreprocessBench(JobConfig config, boolean overwrite, PrintStream out) {
        this.config = config;
        this.overwrite = overwrite;
        this.out = out;
    }

    public void run() throws IOException {
        Configuration hadoop = HadoopConf.forJobs();
        List<FileStatus> files = InputFiles.resolve("input.path", config.inputPath(), hadoop);
        String target = config.bench().outputPath() + "-preprocessing";
        RunDirectory.checkWritable("bench.output-path", target, overwrite, hadoop);
        long bytes = files.stream().mapToLong(FileStatus::getLen).sum();
        SparkSession spark = Sessions.create(config.spark());
        try {
            JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            out.printf("preprocessing %,d bytes of %s on %s%n", bytes, config.inputPath(), sc.master());
            double ourChar = time("ours, char", () -> ours(sc, files, TokenizerSpec.CHAR));
            double ourWord = time("ours, word", () -> ours(sc, files, TokenizerSpec.WORD));
            double ourBpe = time("ours, bpe", () -> ours(sc, files, TokenizerSpec.BPE));
            double mllib = time("MLlib RegexTokenizer + CountVectorizer", () -> mllib(spark));
            String runId = RunIds.of(java.time.Instant.now());
            List<PreprocessingRow> rows = new ArrayList<>();
            rows.add(row(runId, "ours, char tokenizer", bytes, ourChar, mllib));
            rows.add(row(runId, "ours, word tokenizer", bytes, ourWord, mllib));
            rows.add(row(runId, "ours, bpe tokenizer (learning included)", bytes, ourBpe, mllib));
            rows.add(row(runId, "MLlib RegexTokenizer + CountVectorizer", bytes, mllib, Double.NaN));
            out.println("| pipeline | seconds (median of 3) | MB/s | ours / MLlib |");
            out.println("|---|---|---|---|");
            for (PreprocessingRow r : rows) {
                out.printf("| %s | %.2f | %.1f | %s |%n", r.pipeline(), r.secondsMedian(), r.mbPerSecond(),
                        r.oursSpeedupOverMllib() == null ? "-" : String.format("%.2fx", r.oursSpeedupOverMllib()));
            }
            out.println("table: " + Tables.writeRun(spark, PreprocessingRow.TABLE, rows, target, "preprocessing"));
        } finally {
            spark.stop();
        }
    }

    private static PreprocessingRow row(String runId, String name, long bytes, double seconds, double mllibSeconds) {
        return new PreprocessingRow(runId, name, bytes, seconds, bytes / 1e6 / seconds,
                Double.isNaN(mllibSeconds) ? null : mllibSeconds / seconds);
    }

    /** Returns the window count so the whole pipeline runs. */
    private long ours(JavaSparkContext sc, List<FileStatus> files, String tokenizer) {
        TokenizerSpec t = config.lm().tokenizer();
        // each tokenizer ends its lines as it does by default
        LanguageModelData data = LanguageModelData.prepare(sc,
                LmSources.training(config.inputPath(), files, config.lm().reading()),
                new TokenizerSpec(tokenizer, t.pattern(), t.lowercase(), t.maxVocabulary(), t.minCount(),
                        t.bpeVocabulary(), LineEnd.defaultFor(tokenizer)),
                config.lm().window(), config.train().workers(), config.train().stateful());
        data.train().unpersist(false);
        data.validation().unpersist(false);
        return data.trainWindows() + data.validationWindows();
    }

    private long mllib(SparkSession spark) {
        Dataset<Row> lines = spark.read().text(config.inputPath());
        Dataset<Row> tokens = new RegexTokenizer().setInputCol("value").setOutputCol("tokens")
                .setPattern(config.lm().tokenizer().pattern()).setGaps(false).setToLowercase(false).transform(lines);
        CountVectorizerModel model = new CountVectorizer().setInputCol("tokens").setOutputCol("counts")
                .setVocabSize(config.lm().tokenizer().maxVocabulary()).fit(tokens);
        return model.transform(tokens).javaRDD().map(r -> r.size()).count();
    }

    private double time(String name, LongSupplier work) {
        work.getAsLong();
        double[] seconds = new double[3];
        for (int i = 0; i < seconds.length; i++) {
            long start = System.nanoTime();
            work.getAsLong();
            seconds[i] = (System.nanoTime() - start) / 1e9;
        }
        Arrays.sort(seconds);
        out.printf("%s: %.2f s (runs %s)%n", name, seconds[1], Arrays.toString(seconds));
        return seconds[1];
    }
}

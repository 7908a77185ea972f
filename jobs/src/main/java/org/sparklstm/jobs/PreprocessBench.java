package org.sparklstm.jobs;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.LongSupplier;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.feature.CountVectorizer;
import org.apache.spark.ml.feature.CountVectorizerModel;
import org.apache.spark.ml.feature.RegexTokenizer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.sparklstm.models.text.TokenizerSpec;
import org.sparklstm.pipeline.ingest.InputFiles;
import org.sparklstm.pipeline.io.RunDirectory;
import org.sparklstm.pipeline.io.Tables;

/**
 * {@code bench-preprocess}: MB/s of our preprocessing (ingest, vocabulary, encode, windows, worker
 * blocks) with the char and the word tokenizer, beside Spark MLlib's RegexTokenizer + CountVectorizer
 * (fit and transform) on the same text. Medians of three runs after a warm-up; writes
 * {@code <bench.output-path>-preprocessing/preprocessing}.
 */
final class PreprocessBench {

    static final StructType SCHEMA = new StructType()
            .add("run_id", DataTypes.StringType, false)
            .add("pipeline", DataTypes.StringType, false)
            .add("input_bytes", DataTypes.LongType, false)
            .add("seconds_median", DataTypes.DoubleType, false)
            .add("mb_per_second", DataTypes.DoubleType, false)
            .add("ours_speedup_over_mllib", DataTypes.DoubleType, true);

    private final JobConfig config;
    private final boolean overwrite;
    private final PrintStream out;

    PreprocessBench(JobConfig config, boolean overwrite, PrintStream out) {
        this.config = config;
        this.overwrite = overwrite;
        this.out = out;
    }

    void run() throws IOException {
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
            String runId = "bench-" + UUID.randomUUID().toString().substring(0, 8);
            List<Row> rows = new ArrayList<>();
            rows.add(row(runId, "ours, char tokenizer", bytes, ourChar, mllib));
            rows.add(row(runId, "ours, word tokenizer", bytes, ourWord, mllib));
            rows.add(row(runId, "ours, bpe tokenizer (learning included)", bytes, ourBpe, mllib));
            rows.add(row(runId, "MLlib RegexTokenizer + CountVectorizer", bytes, mllib, Double.NaN));
            out.println("| pipeline | seconds (median of 3) | MB/s | ours / MLlib |");
            out.println("|---|---|---|---|");
            for (Row r : rows) {
                out.printf("| %s | %.2f | %.1f | %s |%n", r.getString(1), r.getDouble(3), r.getDouble(4),
                        r.isNullAt(5) ? "-" : String.format("%.2fx", r.getDouble(5)));
            }
            out.println("table: " + Tables.writeRun(spark, rows, SCHEMA, target, "preprocessing"));
        } finally {
            spark.stop();
        }
    }

    private static Row row(String runId, String name, long bytes, double seconds, double mllibSeconds) {
        return RowFactory.create(runId, name, bytes, seconds, bytes / 1e6 / seconds,
                Double.isNaN(mllibSeconds) ? null : mllibSeconds / seconds);
    }

    /** Returns the window count so the whole pipeline runs. */
    private long ours(JavaSparkContext sc, List<FileStatus> files, String tokenizer) {
        TokenizerSpec t = config.tokenizer();
        LanguageModelData data = LanguageModelData.prepare(sc, files, config.inputPath(),
                new TokenizerSpec(tokenizer, t.pattern(), t.lowercase(), t.maxVocabulary(), t.minCount(),
                        t.bpeVocabulary()),
                config.window(), config.train().workers());
        data.train().unpersist(false);
        data.validation().unpersist(false);
        return data.trainWindows() + data.validationWindows();
    }

    private long mllib(SparkSession spark) {
        Dataset<Row> lines = spark.read().text(config.inputPath());
        Dataset<Row> tokens = new RegexTokenizer().setInputCol("value").setOutputCol("tokens")
                .setPattern(config.tokenizer().pattern()).setGaps(false).setToLowercase(false).transform(lines);
        CountVectorizerModel model = new CountVectorizer().setInputCol("tokens").setOutputCol("counts")
                .setVocabSize(config.tokenizer().maxVocabulary()).fit(tokens);
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

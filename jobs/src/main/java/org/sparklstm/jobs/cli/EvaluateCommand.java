package org.sparklstm.jobs.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.sparklstm.jobs.config.JobConfig;
import org.sparklstm.models.lm.ModelBundle;
import org.sparklstm.models.lm.WindowSource;
import org.sparklstm.models.train.NetworkState;
import org.sparklstm.pipeline.evaluate.LanguageModelEvaluator;
import org.sparklstm.pipeline.evaluate.LossSummary;
import org.sparklstm.pipeline.evaluate.UnigramBaseline;
import org.sparklstm.pipeline.ingest.InputFiles;
import org.sparklstm.pipeline.io.HadoopConf;
import org.sparklstm.pipeline.io.RunDirectory;
import org.sparklstm.pipeline.io.Tables;
import org.sparklstm.pipeline.lm.Corpus;
import org.sparklstm.pipeline.lm.LmEvaluationRow;
import org.sparklstm.pipeline.lm.TextSource;
import org.sparklstm.pipeline.sequences.TokenStream;
import org.sparklstm.pipeline.sequences.WindowBuilder;
import org.sparklstm.pipeline.sequences.WindowStore;
import org.sparklstm.pipeline.sequences.WorkerPartitioner;
import org.sparklstm.pipeline.text.StreamEncoder;

/**
 * {@code evaluate}: scores a saved model on every token of {@code input.path} with the model's own text
 * encoding (tokenizer, vocabulary, bpe merges), beside the unigram baseline of its training tokens, and
 * writes the {@code evaluation} and {@code quarantine} tables to {@code evaluate.output-path}.
 */
public final class EvaluateCommand {

    private EvaluateCommand() {
    }

    public static LossSummary run(JobConfig config, boolean overwrite, PrintStream out) throws IOException {
        Configuration hadoop = HadoopConf.forJobs();
        List<FileStatus> files = InputFiles.resolve("input.path", config.inputPath(), hadoop);
        String target = config.evaluate().outputPath();
        RunDirectory.checkWritable("evaluate.output-path", target, overwrite, hadoop);
        ModelBundle bundle = ModelBundle.load(new Path(config.evaluate().modelPath()), hadoop);
        return NewRun.in(config.spark(), target, (spark, run, runId, started) -> {
            LossSummary result = evaluate(spark, config, files, bundle, run, runId, out);
            out.println("evaluation table: " + run.finalPath(Tables.EVALUATION));
            return result;
        });
    }

    private static LossSummary evaluate(SparkSession spark, JobConfig config, List<FileStatus> files,
                                        ModelBundle bundle, RunDirectory run, String runId, PrintStream out) {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        WindowStore store = config.lm().store() == WindowStore.Kind.DISK
                ? WindowStore.disk(run.scratch("windows")).forSet("test") : WindowStore.MEMORY;
        Corpus corpus = Corpus.read(sc, new TextSource("input.path", config.inputPath(), files, config.lm().reading()),
                store.cache(StorageLevel.MEMORY_AND_DISK_SER()));
        int v = bundle.vocabulary().size();
        TokenStream stream = StreamEncoder.encode(corpus.lines(), bundle.encoding(),
                store.cache(StorageLevel.MEMORY_AND_DISK()));
        int steps = config.lm().window().length();
        boolean stateful = config.train().stateful();
        JavaRDD<WindowSource> blocks = WorkerPartitioner.blocks(WindowBuilder.whole(stream, steps),
                sc.defaultParallelism(), steps + 1, stateful, store);
        String json = bundle.network().getLayerWiseConfigurations().toJson();
        NetworkState state = NetworkState.capture(bundle.network());
        LossSummary loss = LanguageModelEvaluator.evaluate(blocks, json, state, config.train().evalBatchSize(), v,
                stateful);
        LossSummary baseline = UnigramBaseline.crossEntropy(trainCounts(bundle, v),
                UnigramBaseline.targetCounts(blocks, v));
        boolean chars = bundle.tokenizer().isChar();
        LmEvaluationRow.TABLE.write(spark, List.of(new LmEvaluationRow(runId, config.evaluate().modelPath(),
                config.inputPath(), loss.tokens(), loss.loss(), loss.perplexity(), chars ? loss.bits() : null,
                baseline.loss(), corpus.quarantined())), run.path(Tables.EVALUATION));
        corpus.writeQuarantine(spark, runId, run.path(Tables.QUARANTINE));
        out.printf("%,d tokens: loss %.4f nats/token, perplexity %.2f%s; unigram baseline %.4f%n", loss.tokens(),
                loss.loss(), loss.perplexity(), chars ? String.format(", %.3f bits/char", loss.bits()) : "",
                baseline.loss());
        long unscored = stream.length() - 1 - loss.tokens();
        if (unscored > 0) {
            out.printf("not scored: %,d of the text's %,d targets, which fall in no complete window of "
                    + "sequence.length %d (the end of the text)%n", unscored, stream.length() - 1, steps);
        }
        return loss;
    }

    private static long[] trainCounts(ModelBundle bundle, int v) {
        @SuppressWarnings("unchecked")
        List<Number> counts = (List<Number>) bundle.statistics().get("train_target_counts");
        long[] out = new long[v];
        for (int i = 0; i < v; i++) {
            out[i] = counts.get(i).longValue();
        }
        return out;
    }
}

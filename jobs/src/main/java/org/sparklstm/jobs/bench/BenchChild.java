package org.sparklstm.jobs.bench;

import com.google.gson.Gson;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.sparklstm.jobs.cli.Sessions;
import org.sparklstm.jobs.config.ConfigException;
import org.sparklstm.jobs.config.JobConfig;
import org.sparklstm.models.lm.LstmImplementation;
import org.sparklstm.models.lm.NetworkFactory;
import org.sparklstm.models.lm.SequenceBlock;
import org.sparklstm.models.lm.SequenceScorer;
import org.sparklstm.models.nn.Networks;
import org.sparklstm.models.train.NetworkState;
import org.sparklstm.pipeline.flow.TrainingSettings;
import org.sparklstm.pipeline.ingest.InputFiles;
import org.sparklstm.pipeline.lm.LanguageModelData;
import org.sparklstm.pipeline.lm.LmSources;
import org.sparklstm.pipeline.train.TrainSettings;
import org.sparklstm.pipeline.train.Trainers;

/**
 * Runs one {@link BenchCase} in this process and prints one {@code BENCH-RESULT {json}} line:
 * warm-up minibatches first, then timed rounds of {@code frequency} minibatches per worker; the
 * median round gives tokens per second. Every Java trainer fits the same minibatches (the same
 * per-worker plans) and is scored on the same validation windows.
 */
public final class BenchChild {

    static final String PREFIX = "BENCH-RESULT ";

    private final JobConfig config;
    private final BenchCase benchCase;
    private final PrintStream out;
    private final Map<String, Object> result = new LinkedHashMap<>();

    public BenchChild(JobConfig config, BenchCase benchCase, PrintStream out) {
        this.config = config;
        this.benchCase = benchCase;
        this.out = out;
    }

    public void run() throws IOException {
        if (benchCase.trainer().equals("sgemm")) {
            Measurements.sgemm(result);
        } else {
            train();
        }
        result.put("peak_rss_mb", Measurements.peakRssMb());
        out.println(PREFIX + new Gson().toJson(result));
    }

    private void train() {
        int workers = benchCase.workers();
        SparkSession spark = Sessions.create(
                new JobConfig.Spark("local[" + Math.max(2, workers) + "]", "spark-lstm bench"));
        try {
            JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            TrainingSettings t = config.train();
            // the peers train DL4J's own LSTM layer, as their users would, and DL4J's fit starts every window from
            // zeros; ours trains FusedLstm, stateful as configured
            boolean peer = List.of("dl4j", "dl4j-spark", "averaging-dl4j-lstm").contains(benchCase.trainer());
            boolean stateful = t.stateful() && !peer && !benchCase.trainer().equals("dl4j-fused");
            LanguageModelData data = LanguageModelData.prepare(sc, LmSources.training(config.inputPath(),
                    InputFiles.resolve("input.path", config.inputPath(), sc.hadoopConfiguration()),
                    config.lm().reading()),
                    config.lm().tokenizer(), config.lm().window(), workers, stateful);
            int v = data.vocabulary().size();
            LstmImplementation lstm = peer ? LstmImplementation.DL4J : LstmImplementation.FUSED;
            int tbptt = stateful ? 0 : t.tbpttLength();
            MultiLayerNetwork net = NetworkFactory.create(config.model().languageModel(v, tbptt), lstm);
            TrainSettings settings = Trainers.settings(new TrainingSettings(t.trainer(), 1, workers, t.batchSize(),
                    benchCase.frequency(), tbptt, t.seed(), t.evalBatchSize(), benchCase.updateScale(), 0,
                    t.schedule(), 0, t.blockMomentum(), stateful, t.globalClipNorm(), t.adamState(), t.globalBatchSize()),
                    workers, tbptt, v, stateful);
            List<double[]> rounds = new ArrayList<>();
            TimedTraining timed = new TimedTraining(config, benchCase, result);
            NetworkState trained = switch (benchCase.trainer()) {
                case "averaging", "averaging-dl4j-lstm" -> timed.averaging(sc, data, net, settings, rounds);
                case "sync-gradients" -> timed.syncGradients(sc, data, net, settings, rounds);
                case "dl4j", "dl4j-fused" -> timed.singleProcess(data, net, settings, rounds);
                case "dl4j-spark" -> timed.dl4jSpark(sc, data, net, settings, rounds);
                default -> throw new ConfigException("unknown bench trainer '" + benchCase.trainer() + "'");
            };
            double[] rates = rounds.stream().mapToDouble(r -> r[0] / r[1]).sorted().toArray();
            result.put("tokens_per_second", Measurements.median(rates));
            result.put("rounds", rates.length);
            result.put("round_tokens_per_second", rates);
            SequenceBlock validation = Measurements.firstWindows(
                    Measurements.inMemory(data.validation().collect()), config.bench().validationWindows());
            MultiLayerNetwork scored = Networks.fromJson(net.getLayerWiseConfigurations().toJson());
            trained.applyTo(scored);
            double[] loss = SequenceScorer.score(scored, validation, t.evalBatchSize(), v, v, stateful);
            result.put("validation_loss", loss[0] / loss[1]);
            result.put("validation_tokens", (long) loss[1]);
        } finally {
            spark.stop();
        }
    }
}

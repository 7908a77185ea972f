package org.sparklstm.jobs;

import com.google.gson.Gson;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sparklstm.models.train.FitStatistics;
import org.sparklstm.models.lm.MinibatchEncoder;
import org.sparklstm.models.train.MinibatchPlan;
import org.sparklstm.models.lm.LstmImplementation;
import org.sparklstm.models.nn.Networks;
import org.sparklstm.models.lm.NetworkFactory;
import org.sparklstm.models.train.NetworkState;
import org.sparklstm.models.lm.SequenceBlock;
import org.sparklstm.models.lm.SequenceScorer;
import org.sparklstm.pipeline.ingest.InputFiles;
import org.sparklstm.pipeline.train.Dl4jSparkTrainer;
import org.sparklstm.pipeline.train.ParameterAveragingTrainer;
import org.sparklstm.pipeline.train.SyncGradientTrainer;
import org.sparklstm.pipeline.train.RoundProgress;
import org.sparklstm.pipeline.train.TrainSettings;

/**
 * Runs one {@link BenchCase} in this process and prints one {@code BENCH-RESULT {json}} line:
 * warm-up minibatches first, then timed rounds of {@code frequency} minibatches per worker; the
 * median round gives tokens per second. Every Java trainer fits the same minibatches (the same
 * per-worker plans) and is scored on the same validation windows.
 */
final class BenchChild {

    static final String PREFIX = "BENCH-RESULT ";

    private final JobConfig config;
    private final BenchCase benchCase;
    private final PrintStream out;
    private final Map<String, Object> result = new LinkedHashMap<>();

    BenchChild(JobConfig config, BenchCase benchCase, PrintStream out) {
        this.config = config;
        this.benchCase = benchCase;
        this.out = out;
    }

    void run() throws IOException {
        if (benchCase.trainer().equals("sgemm")) {
            sgemm();
        } else {
            train();
        }
        result.put("peak_rss_mb", peakRssMb());
        out.println(PREFIX + new Gson().toJson(result));
    }

    private void train() {
        int workers = benchCase.workers();
        SparkSession spark = Sessions.create(new JobConfig.Spark("local[" + Math.max(2, workers) + "]", "spark-lstm bench"));
        try {
            JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            JobConfig.Train t = config.train();
            LanguageModelData data = LanguageModelData.prepare(sc,
                    InputFiles.resolve("input.path", config.inputPath(), sc.hadoopConfiguration()), config.inputPath(),
                    config.tokenizer(), config.window(), workers);
            int v = data.vocabulary().size();
            // the peers train DL4J's own LSTM layer, as their users would; ours trains FusedLstm
            LstmImplementation lstm = List.of("dl4j", "dl4j-spark", "averaging-dl4j-lstm").contains(benchCase.trainer())
                    ? LstmImplementation.DL4J : LstmImplementation.FUSED;
            MultiLayerNetwork net = NetworkFactory.create(config.model().withVocabularySize(v), lstm);
            TrainSettings settings = new TrainSettings(1, workers, t.batchSize(), benchCase.frequency(),
                    t.tbpttLength(), t.seed(), v, benchCase.updateScale());
            List<double[]> rounds = new ArrayList<>();
            NetworkState trained = switch (benchCase.trainer()) {
                case "averaging", "averaging-dl4j-lstm" -> averaging(sc, data, net, settings, rounds);
                case "sync-gradients" -> syncGradients(sc, data, net, settings, rounds);
                case "dl4j", "dl4j-fused" -> singleProcess(data, net, settings, rounds);
                case "dl4j-spark" -> dl4jSpark(sc, data, net, settings, rounds);
                default -> throw new ConfigException("unknown bench trainer '" + benchCase.trainer() + "'");
            };
            double[] rates = rounds.stream().mapToDouble(r -> r[0] / r[1]).sorted().toArray();
            result.put("tokens_per_second", median(rates));
            result.put("rounds", rates.length);
            result.put("round_tokens_per_second", rates);
            SequenceBlock validation = firstWindows(data.validation().collect(), config.bench().validationWindows());
            MultiLayerNetwork scored = Networks.fromJson(net.getLayerWiseConfigurations().toJson());
            trained.applyTo(scored);
            double[] loss = SequenceScorer.score(scored, validation, t.evalBatchSize(), v);
            result.put("validation_loss", loss[0] / loss[1]);
            result.put("validation_tokens", (long) loss[1]);
        } finally {
            spark.stop();
        }
    }

    private int warmupRounds() {
        return (config.bench().warmupMinibatches() + benchCase.frequency() - 1) / benchCase.frequency();
    }

    private int measuredRounds() {
        return Math.max(3, benchCase.minibatches() / benchCase.frequency());
    }

    private NetworkState averaging(JavaSparkContext sc, LanguageModelData data, MultiLayerNetwork net,
                                   TrainSettings settings, List<double[]> rounds) {
        ParameterAveragingTrainer trainer = ParameterAveragingTrainer.forLanguageModel(sc, data.train(), net, settings);
        FitStatistics warm = trainer.trainRounds(1, 0, warmupRounds(), p -> { });
        double[] last = {0, 0};
        Consumer<RoundProgress> timer = p -> {
            rounds.add(new double[]{p.epochTokens() - last[0], p.epochSeconds() - last[1]});
            last[0] = p.epochTokens();
            last[1] = p.epochSeconds();
        };
        FitStatistics measured = trainer.trainRounds(1, warmupRounds(), warmupRounds() + measuredRounds(), timer);
        result.put("training_tokens", warm.tokens() + measured.tokens());
        result.put("overhead_share", trainer.overheadShare());
        return trainer.state();
    }

    /**
     * Synchronous gradients with each worker's half of the others' minibatch: one update per
     * {@code batch-size} windows in all, as many updates as single-process DL4J over the same windows.
     */
    private NetworkState syncGradients(JavaSparkContext sc, LanguageModelData data, MultiLayerNetwork net,
                                       TrainSettings settings, List<double[]> rounds) {
        int workers = settings.workers();
        TrainSettings halves = new TrainSettings(settings.epochs(), workers, settings.batchSize() / workers, 1,
                settings.tbpttLength(), settings.seed(), settings.vocabularySize(), 1);
        SyncGradientTrainer trainer = SyncGradientTrainer.forLanguageModel(sc, data.train(), net, halves);
        int f = benchCase.frequency() * workers;
        long tokens = trainer.trainRounds(1, 0, warmupRounds() * f, p -> { }).tokens();
        for (int r = 0; r < measuredRounds(); r++) {
            long start = System.nanoTime();
            FitStatistics s = trainer.trainRounds(1, (warmupRounds() + r) * f, (warmupRounds() + r + 1) * f, p -> { });
            rounds.add(new double[]{s.tokens(), (System.nanoTime() - start) / 1e9});
            tokens += s.tokens();
        }
        result.put("training_tokens", tokens);
        result.put("overhead_share", trainer.overheadShare());
        return trainer.state();
    }

    private NetworkState singleProcess(LanguageModelData data, MultiLayerNetwork net, TrainSettings settings,
                                       List<double[]> rounds) {
        List<SequenceBlock> blocks = data.train().collect();
        List<MinibatchPlan> plans = new ArrayList<>();
        for (int w = 0; w < blocks.size(); w++) {
            plans.add(MinibatchPlan.shuffled(blocks.get(w).size(), settings.batchSize(), settings.seed(), 1, w));
        }
        int f = benchCase.frequency();
        long tokens = 0;
        for (int round = 0; round < warmupRounds() + measuredRounds(); round++) {
            long start = System.nanoTime();
            long roundTokens = 0;
            for (int w = 0; w < blocks.size(); w++) {
                for (int b = round * f; b < Math.min((round + 1) * f, plans.get(w).size()); b++) {
                    int[] windows = plans.get(w).batch(b);
                    net.fit(MinibatchEncoder.encode(blocks.get(w), windows, settings.vocabularySize()));
                    roundTokens += (long) windows.length * blocks.get(w).steps();
                }
            }
            if (round >= warmupRounds()) {
                rounds.add(new double[]{roundTokens, (System.nanoTime() - start) / 1e9});
            }
            tokens += roundTokens;
        }
        result.put("training_tokens", tokens);
        return NetworkState.capture(net);
    }

    private NetworkState dl4jSpark(JavaSparkContext sc, LanguageModelData data, MultiLayerNetwork net,
                                   TrainSettings settings, List<double[]> rounds) {
        Dl4jSparkTrainer trainer = new Dl4jSparkTrainer(sc, data.train(), net, settings);
        int f = benchCase.frequency();
        int warm = warmupRounds() * f;
        long tokens = trainer.trainMinibatches(1, 0, warm).tokens();
        for (int r = 0; r < measuredRounds(); r++) {
            FitStatistics s = trainer.trainMinibatches(1, warm + r * f, warm + (r + 1) * f);
            rounds.add(new double[]{s.tokens(), s.fitNanos() / 1e9});
            tokens += s.tokens();
        }
        result.put("training_tokens", tokens);
        return trainer.state();
    }

    /** Single-precision matrix multiply throughput of ND4J's BLAS, for the share-of-peak figure. */
    private void sgemm() {
        result.put("gflops_large", gflops(2048, 2048, 2048, 10));
        result.put("gflops_lstm_shaped", gflops(64, 320, 1024, 400));
    }

    private static double gflops(int m, int k, int n, int repeats) {
        INDArray a = Nd4j.rand(DataType.FLOAT, m, k);
        INDArray b = Nd4j.rand(DataType.FLOAT, k, n);
        INDArray c = Nd4j.create(DataType.FLOAT, m, n);
        double[] rates = new double[7];
        for (int trial = -2; trial < rates.length; trial++) {
            long start = System.nanoTime();
            for (int i = 0; i < repeats; i++) {
                a.mmuli(b, c);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            if (trial >= 0) {
                rates[trial] = 2.0 * m * k * n * repeats / seconds / 1e9;
            }
        }
        Arrays.sort(rates);
        return median(rates);
    }

    static SequenceBlock firstWindows(List<SequenceBlock> blocks, int count) {
        List<int[]> windows = new ArrayList<>();
        for (SequenceBlock b : blocks) {
            for (int i = 0; i < b.size() && windows.size() < count; i++) {
                windows.add(b.window(i));
            }
        }
        return SequenceBlock.of(blocks.get(0).windowLength(), windows);
    }

    static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    static double peakRssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Double.parseDouble(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }
}

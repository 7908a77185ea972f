package org.sparklstm.jobs.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.sparklstm.jobs.config.JobConfig;
import org.sparklstm.models.lm.SequenceBlock;
import org.sparklstm.models.lm.TargetEncoding;
import org.sparklstm.models.train.FitStatistics;
import org.sparklstm.models.train.MinibatchPlan;
import org.sparklstm.models.train.NetworkState;
import org.sparklstm.pipeline.flow.TrainingSettings;
import org.sparklstm.pipeline.lm.LanguageModelData;
import org.sparklstm.pipeline.train.AdamState;
import org.sparklstm.pipeline.train.Dl4jSparkTrainer;
import org.sparklstm.pipeline.train.ParameterAveragingTrainer;
import org.sparklstm.pipeline.train.RoundProgress;
import org.sparklstm.pipeline.train.SyncGradientTrainer;
import org.sparklstm.pipeline.train.TrainSettings;
import org.sparklstm.pipeline.train.Trainers;

/**
 * Each trainer of a {@link BenchCase} on the same minibatches: warm-up rounds first, then timed rounds of
 * {@code frequency} minibatches per worker, each round's tokens and seconds added to {@code rounds}.
 */
final class TimedTraining {

    private final JobConfig config;
    private final BenchCase benchCase;
    private final Map<String, Object> result;

    TimedTraining(JobConfig config, BenchCase benchCase, Map<String, Object> result) {
        this.config = config;
        this.benchCase = benchCase;
        this.result = result;
    }

    private int warmupRounds() {
        return (config.bench().warmupMinibatches() + benchCase.frequency() - 1) / benchCase.frequency();
    }

    private int measuredRounds() {
        return Math.max(3, benchCase.minibatches() / benchCase.frequency());
    }

    NetworkState averaging(JavaSparkContext sc, LanguageModelData data, MultiLayerNetwork net,
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
    NetworkState syncGradients(JavaSparkContext sc, LanguageModelData data, MultiLayerNetwork net,
                                       TrainSettings settings, List<double[]> rounds) {
        int workers = settings.workers();
        TrainingSettings t = config.train();
        TrainSettings halves = Trainers.settings(new TrainingSettings(t.trainer(), settings.epochs(), workers,
                settings.batchSize() / workers, 1, settings.tbpttLength(), settings.seed(), t.evalBatchSize(), 1, 0,
                t.schedule(), 0, 0, settings.stateful(), settings.globalClipNorm(), AdamState.AVERAGED, 0),
                workers, settings.tbpttLength(), settings.vocabularySize(), settings.stateful());
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

    NetworkState singleProcess(LanguageModelData data, MultiLayerNetwork net, TrainSettings settings,
                                       List<double[]> rounds) {
        List<SequenceBlock> blocks = Measurements.inMemory(data.train().collect());
        List<MinibatchPlan> plans = new ArrayList<>();
        for (int w = 0; w < blocks.size(); w++) {
            plans.add(MinibatchPlan.shuffled(blocks.get(w).size(), settings.batchSize(), settings.seed(), 1, w));
        }
        int f = benchCase.frequency();
        TargetEncoding targets = TargetEncoding.of(net);
        long tokens = 0;
        for (int round = 0; round < warmupRounds() + measuredRounds(); round++) {
            long start = System.nanoTime();
            long roundTokens = 0;
            for (int w = 0; w < blocks.size(); w++) {
                for (int b = round * f; b < Math.min((round + 1) * f, plans.get(w).size()); b++) {
                    int[] windows = plans.get(w).batch(b);
                    net.fit(targets.encode(blocks.get(w), windows, settings.vocabularySize()));
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

    NetworkState dl4jSpark(JavaSparkContext sc, LanguageModelData data, MultiLayerNetwork net,
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
}

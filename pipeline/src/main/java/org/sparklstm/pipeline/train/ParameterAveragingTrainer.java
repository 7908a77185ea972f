package org.sparklstm.pipeline.train;

import java.util.List;
import java.util.function.Consumer;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.sparklstm.models.FitStatistics;
import org.sparklstm.models.LanguageModelBlock;
import org.sparklstm.models.MinibatchFitter;
import org.sparklstm.models.MinibatchPlan;
import org.sparklstm.models.NetworkState;
import org.sparklstm.models.SequenceBlock;
import org.sparklstm.models.TrainingBlock;
import org.sparklstm.models.WorkerNetworks;
import scala.Tuple2;

/**
 * Synchronous parameter averaging. Each round broadcasts the parameters and Adam state; every worker
 * fits its next {@code averagingFrequency} minibatches from its own cached block with (truncated)
 * BPTT; {@code treeAggregate} sums the workers' states and the driver takes the mean. Same seed, data
 * and partitioning give the same parameters.
 */
public final class ParameterAveragingTrainer implements Trainer {

    private final JavaSparkContext sc;
    private final JavaRDD<? extends TrainingBlock> blocks;
    private final String configurationJson;
    private final TrainSettings settings;
    private final int maxBatchesPerWorker;
    private NetworkState state;
    private double overheadShare = Double.NaN;

    /** Language-model windows, one-hot over {@code settings.vocabularySize()}. */
    public static ParameterAveragingTrainer forLanguageModel(JavaSparkContext sc, JavaRDD<SequenceBlock> blocks,
                                                             MultiLayerNetwork initial, TrainSettings settings) {
        int v = settings.vocabularySize();
        int tbptt = settings.tbpttLength();
        return new ParameterAveragingTrainer(sc, blocks.map(b -> new LanguageModelBlock(b, v, tbptt)), initial, settings);
    }

    public ParameterAveragingTrainer(JavaSparkContext sc, JavaRDD<? extends TrainingBlock> blocks,
                                     MultiLayerNetwork initial, TrainSettings settings) {
        this.sc = sc;
        this.blocks = blocks;
        this.configurationJson = initial.getLayerWiseConfigurations().toJson();
        this.settings = settings;
        this.state = NetworkState.capture(initial);
        List<Integer> sizes = blocks.map(TrainingBlock::size).collect();
        this.maxBatchesPerWorker = sizes.stream()
                .mapToInt(n -> MinibatchPlan.batchesFor(n, settings.batchSize())).max().orElse(0);
        if (maxBatchesPerWorker == 0) {
            throw new IllegalArgumentException("no training windows to fit");
        }
    }

    @Override
    public int roundsPerEpoch() {
        return (maxBatchesPerWorker + settings.averagingFrequency() - 1) / settings.averagingFrequency();
    }

    @Override
    public FitStatistics trainEpoch(int epoch, Consumer<RoundProgress> progress) {
        return trainRounds(epoch, 0, roundsPerEpoch(), progress);
    }

    /** Runs rounds {@code [from, to)} of an epoch; progress times and tokens count from {@code from}. */
    public FitStatistics trainRounds(int epoch, int from, int to, Consumer<RoundProgress> progress) {
        int rounds = roundsPerEpoch();
        long start = System.nanoTime();
        FitStatistics stats = FitStatistics.NONE;
        long fitNanos = 0;
        for (int round = from; round < to; round++) {
            sc.setJobDescription("train epoch " + epoch + "/" + settings.epochs() + " round " + (round + 1) + "/" + rounds);
            StateAverage average = runRound(epoch, round);
            state = average.mean(state, settings.updateScale());
            stats = stats.plus(average.statistics());
            // workers fit in parallel: the round's fit time is roughly the mean worker's share
            fitNanos += average.statistics().fitNanos() / Math.max(1, average.contributors());
            double seconds = (System.nanoTime() - start) / 1e9;
            double perRound = seconds / (round - from + 1);
            double eta = perRound * ((rounds - round - 1) + (long) (settings.epochs() - epoch) * rounds);
            progress.accept(new RoundProgress(epoch, settings.epochs(), round + 1, rounds,
                    average.statistics().meanLoss(), stats.tokens(), seconds, eta));
        }
        sc.setJobDescription(null);
        long wall = System.nanoTime() - start;
        overheadShare = 1.0 - (double) fitNanos / wall;
        return stats;
    }

    private StateAverage runRound(int epoch, int round) {
        Broadcast<NetworkState> shared = sc.broadcast(state);
        String json = configurationJson;
        TrainSettings s = settings;
        try {
            return blocks.mapPartitionsWithIndex((worker, it) -> {
                TrainingBlock block = it.next();
                MinibatchPlan plan = MinibatchPlan.shuffled(block.size(), s.batchSize(), s.seed(), epoch, worker);
                int from = round * s.averagingFrequency();
                int to = Math.min(plan.size(), from + s.averagingFrequency());
                if (from >= to) {
                    return List.<Tuple2<NetworkState, FitStatistics>>of().iterator();
                }
                MultiLayerNetwork net = WorkerNetworks.get(json);
                shared.value().applyTo(net);
                long randomSeed = MinibatchPlan.mix(s.seed(), (long) epoch << 32 | round, worker);
                FitStatistics fitted = MinibatchFitter.fit(net, block, plan, from, to, randomSeed);
                return List.of(new Tuple2<>(NetworkState.capture(net), fitted)).iterator();
            }, true).treeAggregate(new StateAverage(), (acc, r) -> acc.add(r._1(), r._2()), StateAverage::merge, 2);
        } finally {
            shared.destroy();
        }
    }

    @Override
    public NetworkState state() {
        return state;
    }

    @Override
    public double overheadShare() {
        return overheadShare;
    }
}

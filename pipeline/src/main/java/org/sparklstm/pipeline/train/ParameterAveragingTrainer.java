package org.sparklstm.pipeline.train;

import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.sparklstm.models.lm.LanguageModelBlock;
import org.sparklstm.models.lm.SequenceBlock;
import org.sparklstm.models.train.FitStatistics;
import org.sparklstm.models.train.LearningRates;
import org.sparklstm.models.train.MinibatchFitter;
import org.sparklstm.models.train.MinibatchPlan;
import org.sparklstm.models.train.NetworkState;
import org.sparklstm.models.train.TrainingBlock;
import org.sparklstm.models.train.WorkerNetworks;
import scala.Tuple2;

/**
 * Synchronous parameter averaging. Each round broadcasts the parameters and Adam state; every worker
 * fits its next {@code averagingFrequency} minibatches from its own cached block with (truncated)
 * BPTT; {@code treeAggregate} sums the workers' states and the driver takes the mean. Same seed, data
 * and partitioning give the same parameters.
 */
public final class ParameterAveragingTrainer extends RoundTrainer {

    private NetworkState state;
    private final BlockMomentum momentum;

    /** Language-model windows, one-hot over {@code settings.vocabularySize()}. */
    public static ParameterAveragingTrainer forLanguageModel(JavaSparkContext sc, JavaRDD<SequenceBlock> blocks,
                                                             MultiLayerNetwork initial, TrainSettings settings) {
        int v = settings.vocabularySize();
        int tbptt = settings.tbpttLength();
        return new ParameterAveragingTrainer(sc, blocks.map(b -> new LanguageModelBlock(b, v, tbptt)), initial, settings);
    }

    public ParameterAveragingTrainer(JavaSparkContext sc, JavaRDD<? extends TrainingBlock> blocks,
                                     MultiLayerNetwork initial, TrainSettings settings) {
        super(sc, blocks, initial, settings);
        this.state = NetworkState.capture(initial);
        this.momentum = new BlockMomentum(settings.blockMomentum());
    }

    @Override
    public int roundsPerEpoch() {
        return (maxBatchesPerWorker + settings.averagingFrequency() - 1) / settings.averagingFrequency();
    }

    @Override
    Round runRound(int epoch, int round, double rate) {
        NetworkState start = momentum.start(state);
        StateAverage average = average(epoch, round, rate, start);
        state = average.mean(start, settings.updateScale());
        momentum.advance(start, state);
        return new Round(average.statistics(), average.contributors());
    }

    private StateAverage average(int epoch, int round, double rate, NetworkState start) {
        Broadcast<NetworkState> shared = sc.broadcast(start);
        String json = configurationJson;
        TrainSettings s = settings;
        try {
            return blocks.mapPartitionsWithIndex((worker, it) -> {
                TrainingBlock block = it.next();
                MinibatchPlan plan = block.plan(s.batchSize(), s.seed(), epoch, worker);
                int from = round * s.averagingFrequency();
                int to = Math.min(plan.size(), from + s.averagingFrequency());
                if (from >= to) {
                    return List.<Tuple2<NetworkState, FitStatistics>>of().iterator();
                }
                MultiLayerNetwork net = WorkerNetworks.get(json);
                shared.value().applyTo(net);
                LearningRates.set(net, rate);
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
    public void restore(NetworkState saved) {
        state = saved;
    }

    @Override
    public float[] carried() {
        return momentum.delta();
    }

    @Override
    public void restoreCarried(float[] carried) {
        momentum.restore(carried);
    }
}

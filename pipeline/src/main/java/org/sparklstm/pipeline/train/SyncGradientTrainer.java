package org.sparklstm.pipeline.train;

import java.util.List;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.sparklstm.models.lm.SequenceBlock;
import org.sparklstm.models.lm.WindowSource;
import org.sparklstm.models.nn.Networks;
import org.sparklstm.models.train.CarriedState;
import org.sparklstm.models.train.FitStatistics;
import org.sparklstm.models.train.GlobalNormClipping;
import org.sparklstm.models.train.Gradients;
import org.sparklstm.models.train.LearningRates;
import org.sparklstm.models.train.MinibatchPlan;
import org.sparklstm.models.train.NetworkState;
import org.sparklstm.models.train.TrainingBlock;
import org.sparklstm.models.train.WorkerNetworks;

/**
 * Synchronous gradient averaging: every round is one update. Each worker computes the gradient of
 * its next {@code batchSize} windows at the broadcast parameters; {@code treeAggregate} sums them and
 * the driver applies DL4J's update (clipping, Adam) once for the whole minibatch of
 * {@code workers x batchSize} windows. Training equals one process fitting those minibatches, so
 * averaging costs no quality; every update pays a round trip. In stateful training each worker's rows
 * start from where its last minibatch left them.
 *
 * <p>Updates go in blocks of {@code averagingFrequency}, ended as parameter averaging ends a round: the block's
 * change scaled by {@code updateScale}, {@link BlockMomentum}, and with {@link AdamState#RESET} fresh Adam
 * moments for the next block. So {@code sync-gradients} on any number of workers with a global minibatch of
 * B windows trains as parameter averaging does on one worker with minibatches of B, whose quality it keeps
 * as the workers grow. With momentum 0, scale 1 and Adam kept, the blocks change nothing.
 */
public final class SyncGradientTrainer extends RoundTrainer {

    private final MultiLayerNetwork driverNetwork;
    private final BlockMomentum momentum;
    /** The parameters the current block started from; null between blocks. */
    private float[] blockStart;

    /** Language-model windows, one-hot over {@code settings.vocabularySize()}. */
    public static SyncGradientTrainer forLanguageModel(JavaSparkContext sc, JavaRDD<? extends WindowSource> blocks,
                                                       MultiLayerNetwork initial, TrainSettings settings) {
        return new SyncGradientTrainer(sc, languageModelBlocks(blocks, settings, initial), initial, settings);
    }

    public SyncGradientTrainer(JavaSparkContext sc, JavaRDD<? extends TrainingBlock> blocks, MultiLayerNetwork initial,
                               TrainSettings settings) {
        super(sc, blocks, initial, settings);
        this.driverNetwork = Networks.fromJson(configurationJson);
        NetworkState.capture(initial).applyTo(driverNetwork);
        this.momentum = new BlockMomentum(settings.blockMomentum());
    }

    @Override
    public int roundsPerEpoch() {
        return maxBatchesPerWorker;
    }

    @Override
    Round runRound(int epoch, int round, double rate) {
        if (blocksAct() && blockStart == null) {
            startBlock();
        }
        GradientSum sum = gradients(epoch, round);
        rowsEnded(sum.carried());
        LearningRates.set(driverNetwork, rate);
        double[] gradient = settings.globalClipNorm() > 0
                ? GlobalNormClipping.clipped(sum.sum(), sum.examples(), settings.globalClipNorm()) : sum.sum();
        Gradients.apply(driverNetwork, gradient, sum.examples());
        if (blockStart != null && ((round + 1) % settings.averagingFrequency() == 0 || round + 1 == roundsPerEpoch())) {
            endBlock();
        }
        return new Round(sum.statistics(), sum.contributors());
    }

    private boolean blocksAct() {
        return settings.blockMomentum() > 0 || settings.updateScale() != 1 || settings.adamState() == AdamState.RESET;
    }

    /** As an averaging round starts: from the model plus the momentum, with fresh Adam moments if so set. */
    private void startBlock() {
        NetworkState start = momentum.start(NetworkState.capture(driverNetwork));
        start.applyTo(driverNetwork);
        if (settings.adamState() == AdamState.RESET) {
            NetworkState.resetUpdater(driverNetwork);
        }
        blockStart = start.parameters().clone();
    }

    /** As an averaging round ends: the model moved by the block's change times the update scale. */
    private void endBlock() {
        NetworkState trained = NetworkState.capture(driverNetwork);
        NetworkState start = new NetworkState(blockStart, trained.updaterState(), trained.iterations());
        NetworkState model = trained;
        if (settings.updateScale() != 1) {
            float[] params = trained.parameters();
            for (int i = 0; i < params.length; i++) {
                params[i] = (float) (blockStart[i] + settings.updateScale() * ((double) params[i] - blockStart[i]));
            }
            model = new NetworkState(params, trained.updaterState(), trained.iterations());
            model.applyTo(driverNetwork);
        }
        momentum.advance(start, model);
        blockStart = null;
    }

    private GradientSum gradients(int epoch, int round) {
        Broadcast<float[]> shared = sc.broadcast(driverNetwork.params().dup().data().asFloat());
        String json = configurationJson;
        TrainSettings s = settings;
        try {
            return blocks.zipPartitions(starts(round, null), (blocksOfWorker, startOfWorker) -> {
                int worker = TaskContext.getPartitionId();
                TrainingBlock block = blocksOfWorker.next();
                WorkerStart own = startOfWorker.next();
                MinibatchPlan plan = block.plan(s.batchSize(), s.seed(), epoch, worker);
                if (round >= plan.size()) {
                    return List.<GradientSum.WorkerGradient>of().iterator();
                }
                MultiLayerNetwork net = WorkerNetworks.get(json);
                float[] params = shared.value();
                net.params().assign(Nd4j.createFromArray(params).reshape(net.params().shape()));
                Nd4j.getRandom().setSeed(MinibatchPlan.mix(s.seed(), (long) epoch << 32 | round, worker));
                int[] windows = plan.batch(round);
                DataSet minibatch = block.minibatch(windows);
                CarriedState carried = s.stateful() ? own.rowsOr(net, s.batchSize()) : null;
                long start = System.nanoTime();
                Gradients.Part part;
                if (carried == null) {
                    part = Gradients.compute(net, minibatch);
                } else {
                    carried.startTrainingFrom(net, windows.length);
                    part = Gradients.compute(net, minibatch);
                    carried = carried.afterLastPass(net, windows.length);
                    CarriedState.release(net);
                }
                long nanos = System.nanoTime() - start;
                long units = windows.length * block.unitsPerWindow();
                double meanLoss = block.lossPerUnit(part.lossSum() / part.examples());
                return List.of(new GradientSum.WorkerGradient(worker, part, new FitStatistics(units, meanLoss * units, nanos),
                        carried)).iterator();
            }).treeAggregate(new GradientSum(), GradientSum::add, GradientSum::merge, 2);
        } finally {
            shared.destroy();
        }
    }

    @Override
    public NetworkState state() {
        return NetworkState.capture(driverNetwork);
    }

    @Override
    public void restore(NetworkState saved) {
        saved.applyTo(driverNetwork);
    }

    @Override
    public Carried carried() {
        return new Carried(momentum.delta(), savedRows(), null, blockStart == null ? null : blockStart.clone());
    }

    @Override
    public List<String> restoreCarried(Carried carried) {
        momentum.restore(carried.blockMomentum());
        blockStart = carried.blockStart() == null ? null : carried.blockStart().clone();
        return restoreRows(carried.workerRows());
    }
}

package org.sparklstm.pipeline.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.sparklstm.models.lm.SequenceBlock;
import org.sparklstm.models.lm.WindowSource;
import org.sparklstm.models.train.CarriedState;
import org.sparklstm.models.train.LearningRates;
import org.sparklstm.models.train.MinibatchFitter;
import org.sparklstm.models.train.MinibatchPlan;
import org.sparklstm.models.train.NetworkState;
import org.sparklstm.models.train.TrainingBlock;
import org.sparklstm.models.train.WorkerNetworks;

/**
 * Synchronous parameter averaging. Each round writes the parameters and Adam state (the parameters alone when every
 * round restarts Adam) to a {@link RoundFiles} file that every worker loads; every worker fits its next
 * {@code averagingFrequency} minibatches from its own cached block with (truncated) BPTT and leaves its state in a
 * file of its own; {@code treeAggregate} gathers where, and the driver streams the files into the mean. In stateful
 * training each worker also gets its rows' carried state and gives back where they ended. Same seed,
 * data and partitioning give the same parameters.
 */
public final class ParameterAveragingTrainer extends RoundTrainer {

    private NetworkState state;
    private final RoundFiles roundFiles;
    private final BlockMomentum momentum;
    /** Each worker's own Adam state by worker ({@link AdamState#PER_WORKER}; null entries: the averaged one). */
    private final NetworkState[] ownAdam;

    /** Language-model windows, one-hot over {@code settings.vocabularySize()}. */
    public static ParameterAveragingTrainer forLanguageModel(JavaSparkContext sc, JavaRDD<? extends WindowSource> blocks,
                                                             MultiLayerNetwork initial, TrainSettings settings,
                                                             RoundFiles roundFiles) {
        return new ParameterAveragingTrainer(sc, languageModelBlocks(blocks, settings, initial), initial, settings,
                roundFiles);
    }

    /** Language-model windows on a local master (the round files in a local temporary directory). */
    public static ParameterAveragingTrainer forLanguageModel(JavaSparkContext sc, JavaRDD<? extends WindowSource> blocks,
                                                             MultiLayerNetwork initial, TrainSettings settings) {
        return forLanguageModel(sc, blocks, initial, settings, RoundFiles.local());
    }

    /** @param roundFiles where each round's states travel between the driver and the workers */
    public ParameterAveragingTrainer(JavaSparkContext sc, JavaRDD<? extends TrainingBlock> blocks,
                                     MultiLayerNetwork initial, TrainSettings settings, RoundFiles roundFiles) {
        super(sc, blocks, initial, settings);
        this.roundFiles = roundFiles;
        this.state = NetworkState.capture(initial);
        this.momentum = new BlockMomentum(settings.blockMomentum());
        this.ownAdam = settings.adamState() == AdamState.PER_WORKER ? new NetworkState[blocks.getNumPartitions()]
                : null;
    }

    @Override
    public int roundsPerEpoch() {
        return (maxBatchesPerWorker + settings.averagingFrequency() - 1) / settings.averagingFrequency();
    }

    @Override
    Round runRound(int epoch, int round, double rate) {
        NetworkState start = momentum.start(state);
        StateAverage average = average(epoch, round, rate, start);
        if (settings.updateScale() == 1.0 && !momentum.active()) {
            // the round's start is in its file: the mean does not need it, so the driver holds one state, not two
            state = null;
            start = null;
        }
        state = average.mean(roundFiles, start, settings.updateScale());
        momentum.advance(start, state);
        rowsEnded(average.carried());
        average.ownUpdaters().forEach((worker, own) -> ownAdam[worker] = own);
        return new Round(average.statistics(), average.contributors());
    }

    private StateAverage average(int epoch, int round, double rate, NetworkState start) {
        TrainSettings s = settings;
        // workers that restart Adam need no moments, and their moments are not averaged: only parameters travel
        boolean reset = s.adamState() == AdamState.RESET;
        RoundFiles files = roundFiles;
        Path startFile = files.start(epoch, round);
        files.write(startFile, reset ? start.withoutUpdater() : start);
        String startPath = startFile.toString();
        String json = configurationJson;
        boolean ownMoments = ownAdam != null;
        try {
            return blocks.zipPartitions(starts(round, ownAdam), (blocksOfWorker, startOfWorker) -> {
                int worker = TaskContext.getPartitionId();
                TrainingBlock block = blocksOfWorker.next();
                WorkerStart own = startOfWorker.next();
                MinibatchPlan plan = block.plan(s.batchSize(), s.seed(), epoch, worker);
                int from = round * s.averagingFrequency();
                int to = Math.min(plan.size(), from + s.averagingFrequency());
                if (from >= to) {
                    return List.<WorkerRound>of().iterator();
                }
                MultiLayerNetwork net = WorkerNetworks.get(json);
                files.readInto(new Path(startPath), net);
                if (reset) {
                    NetworkState.resetUpdater(net);
                } else if (own.adam() != null) {
                    own.adam().applyUpdaterTo(net);
                }
                LearningRates.set(net, rate);
                long randomSeed = MinibatchPlan.mix(s.seed(), (long) epoch << 32 | round, worker);
                CarriedState carried = s.stateful() ? own.rowsOr(net, s.batchSize()) : null;
                MinibatchFitter.Fitted fitted = MinibatchFitter.fit(net, block, plan, from, to, randomSeed, carried,
                        s.globalClipNorm());
                Path trained = files.trained(epoch, round, worker);
                files.write(trained, net, !reset);
                NetworkState moments = ownMoments ? NetworkState.updaterOf(net) : null;
                return List.of(new WorkerRound(worker, trained.toString(), fitted.statistics(), fitted.carried(),
                        moments)).iterator();
            }).treeAggregate(new StateAverage(), StateAverage::add, StateAverage::merge, 2);
        } finally {
            files.delete(startFile);
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
    public Carried carried() {
        return new Carried(momentum.delta(), savedRows(), ownAdam == null ? null : ownAdam.clone(), null);
    }

    @Override
    public List<String> restoreCarried(Carried carried) {
        momentum.restore(carried.blockMomentum());
        List<String> notices = new ArrayList<>(restoreRows(carried.workerRows()));
        if (ownAdam != null) {
            Arrays.fill(ownAdam, null);
            NetworkState[] saved = carried.workerAdam();
            if (saved != null && saved.length == ownAdam.length) {
                System.arraycopy(saved, 0, ownAdam, 0, ownAdam.length);
            } else {
                notices.add("the checkpoint's Adam moments per worker are of " + (saved == null ? "no" : saved.length)
                        + " workers, this run has " + ownAdam.length + ": every worker starts from the averaged ones");
            }
        }
        return notices;
    }
}

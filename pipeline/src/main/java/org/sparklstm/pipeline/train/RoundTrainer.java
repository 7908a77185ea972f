package org.sparklstm.pipeline.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.IntToDoubleFunction;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.sparklstm.models.lm.LanguageModelBlock;
import org.sparklstm.models.lm.SequenceBlock;
import org.sparklstm.models.lm.WindowSource;
import org.sparklstm.models.lm.TargetEncoding;
import org.sparklstm.models.train.CarriedState;
import org.sparklstm.models.train.FitStatistics;
import org.sparklstm.models.train.LearningRates;
import org.sparklstm.models.train.MinibatchPlan;
import org.sparklstm.models.train.NetworkState;
import org.sparklstm.models.train.TrainingBlock;

/**
 * A trainer that runs an epoch as synchronous rounds over one cached block per worker: it keeps the
 * round loop, progress, the share of wall time spent outside the workers' fit, and in stateful training
 * the workers' carried rows between rounds.
 */
abstract class RoundTrainer implements Trainer {

    /** What one round fitted, and how many workers took part (they fit in parallel). */
    record Round(FitStatistics statistics, int contributors) {
    }

    protected final JavaSparkContext sc;
    protected final JavaRDD<? extends TrainingBlock> blocks;
    protected final String configurationJson;
    protected final TrainSettings settings;
    protected final int maxBatchesPerWorker;
    private final double configuredRate;
    /** Stateful training's carried rows by worker; null when stateless. */
    private final WorkerRows rows;
    private double overheadShare = Double.NaN;

    RoundTrainer(JavaSparkContext sc, JavaRDD<? extends TrainingBlock> blocks, MultiLayerNetwork initial,
                 TrainSettings settings) {
        this.sc = sc;
        this.blocks = blocks;
        this.configurationJson = initial.getLayerWiseConfigurations().toJson();
        this.settings = settings;
        this.configuredRate = LearningRates.of(initial);
        List<Integer> sizes = blocks.map(TrainingBlock::size).collect();
        this.maxBatchesPerWorker = sizes.stream()
                .mapToInt(n -> MinibatchPlan.batchesFor(n, settings.batchSize())).max().orElse(0);
        if (maxBatchesPerWorker == 0) {
            throw new IllegalArgumentException("no training windows to fit");
        }
        this.rows = settings.stateful() ? new WorkerRows(blocks.getNumPartitions()) : null;
    }

    /**
     * A language model's windows as training blocks, with targets as the network's output layer takes them, stateful
     * or not as the settings say.
     */
    static JavaRDD<LanguageModelBlock> languageModelBlocks(JavaRDD<? extends WindowSource> blocks, TrainSettings settings,
                                                           MultiLayerNetwork net) {
        int v = settings.vocabularySize();
        int tbptt = settings.tbpttLength();
        boolean stateful = settings.stateful();
        TargetEncoding targets = TargetEncoding.of(net);
        return blocks.map(b -> new LanguageModelBlock(b, v, tbptt, stateful, targets));
    }

    /**
     * What each worker starts round {@code round} from besides the broadcast model, one record per partition,
     * so that a worker receives its own rows and moments only (a broadcast would send every worker all of them).
     *
     * @param ownAdam each worker's own Adam moments (null: none kept)
     */
    JavaRDD<WorkerStart> starts(int round, NetworkState[] ownAdam) {
        int workers = blocks.getNumPartitions();
        CarriedState[] carried = rows == null ? new CarriedState[workers] : rows.forRound(round);
        List<WorkerStart> starts = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            starts.add(new WorkerStart(carried[w], ownAdam == null ? null : ownAdam[w]));
        }
        // one element per slice: element w lands in partition w, beside worker w's block
        return sc.parallelize(starts, workers);
    }

    /** Keeps where the workers of a round left their rows. */
    void rowsEnded(Map<Integer, CarriedState> ended) {
        if (rows != null) {
            rows.update(ended);
        }
    }

    CarriedState[] savedRows() {
        return rows == null ? null : rows.saved();
    }

    /** @return the console's notice when the saved rows cannot be used; empty when they are (or unneeded) */
    List<String> restoreRows(CarriedState[] saved) {
        if (rows == null || rows.restore(saved)) {
            return List.of();
        }
        return List.of("the checkpoint's carried rows are of " + (saved == null ? "no" : saved.length) + " workers, this"
                + " run has " + rows.workers() + ": every row starts from zeros");
    }

    /** Runs round {@code round} of epoch {@code epoch} at {@code rate} and folds its result into the trainer's state. */
    abstract Round runRound(int epoch, int round, double rate);

    @Override
    public double configuredRate() {
        return configuredRate;
    }

    @Override
    public FitStatistics trainRounds(int epoch, int from, int to, IntToDoubleFunction learningRate,
                                     Consumer<RoundProgress> progress) {
        int rounds = roundsPerEpoch();
        long start = System.nanoTime();
        FitStatistics stats = FitStatistics.NONE;
        long fitNanos = 0;
        for (int round = from; round < to; round++) {
            sc.setJobDescription("train epoch " + epoch + "/" + settings.epochs() + " round " + (round + 1) + "/" + rounds);
            Round r = runRound(epoch, round, learningRate.applyAsDouble(round));
            if (!Double.isFinite(r.statistics().meanLoss())) {
                throw new TrainingDivergedException("training diverged: the loss is " + r.statistics().meanLoss()
                        + " in epoch " + epoch + " round " + (round + 1));
            }
            stats = stats.plus(r.statistics());
            // workers fit in parallel: the round's fit time is roughly the mean worker's share
            fitNanos += r.statistics().fitNanos() / Math.max(1, r.contributors());
            double seconds = (System.nanoTime() - start) / 1e9;
            double perRound = seconds / (round - from + 1);
            double eta = perRound * ((rounds - round - 1) + (long) (settings.epochs() - epoch) * rounds);
            progress.accept(new RoundProgress(epoch, settings.epochs(), round + 1, rounds,
                    r.statistics().meanLoss(), stats.tokens(), seconds, eta));
        }
        sc.setJobDescription(null);
        long wall = System.nanoTime() - start;
        overheadShare = 1.0 - (double) fitNanos / wall;
        return stats;
    }

    @Override
    public double overheadShare() {
        return overheadShare;
    }
}

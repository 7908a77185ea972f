package org.sparklstm.pipeline.train;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.IntToDoubleFunction;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.nd4j.linalg.dataset.DataSet;
import org.sparklstm.models.lm.SequenceBlock;
import org.sparklstm.models.lm.WindowSource;
import org.sparklstm.models.lm.TargetEncoding;
import org.sparklstm.models.train.FitStatistics;
import org.sparklstm.models.train.LearningRates;
import org.sparklstm.models.train.MinibatchFitter;
import org.sparklstm.models.train.MinibatchPlan;
import org.sparklstm.models.train.NetworkState;

/**
 * The alternative trainer: dl4j-spark's {@link ParameterAveragingTrainingMaster} with the same
 * minibatches and averaging frequency. It reports once per epoch (dl4j-spark runs the rounds
 * itself). Scores are computed by our evaluator, never by {@code SparkDl4jMultiLayer.calculateScore},
 * which broadcasts the live parameter array.
 */
public final class Dl4jSparkTrainer implements Trainer {

    private final JavaRDD<? extends WindowSource> blocks;
    private final TrainSettings settings;
    private final SparkDl4jMultiLayer spark;
    private final double configuredRate;

    public Dl4jSparkTrainer(JavaSparkContext sc, JavaRDD<? extends WindowSource> blocks, MultiLayerNetwork initial,
                            TrainSettings settings) {
        this.blocks = blocks;
        this.settings = settings;
        ParameterAveragingTrainingMaster master = new ParameterAveragingTrainingMaster.Builder(settings.batchSize())
                .batchSizePerWorker(settings.batchSize())
                .averagingFrequency(settings.averagingFrequency())
                .workerPrefetchNumBatches(0)
                .rddTrainingApproach(RDDTrainingApproach.Direct)
                .storageLevel(StorageLevel.MEMORY_ONLY())
                .collectTrainingStats(false)
                .rngSeed(settings.seed())
                .build();
        this.spark = new SparkDl4jMultiLayer(sc, initial, master);
        this.configuredRate = LearningRates.of(initial);
    }

    /** Its one round is the whole epoch (see {@link #roundsPerEpoch()}), at that round's rate. */
    @Override
    public FitStatistics trainRounds(int epoch, int from, int to, IntToDoubleFunction learningRate,
                                     Consumer<RoundProgress> progress) {
        if (from != 0 || to != 1) {
            throw new IllegalArgumentException("dl4j-spark trains whole epochs only, not rounds " + from + " to " + to);
        }
        LearningRates.set(spark.getNetwork(), learningRate.applyAsDouble(0));
        FitStatistics fitted = trainMinibatches(epoch, 0, Integer.MAX_VALUE);
        double seconds = fitted.fitNanos() / 1e9;
        progress.accept(new RoundProgress(epoch, settings.epochs(), 1, 1, fitted.meanLoss(), fitted.tokens(), seconds,
                seconds * (settings.epochs() - epoch)));
        return fitted;
    }

    /** Fits minibatches {@code [from, to)} of every worker's plan for this epoch in one dl4j-spark fit call. */
    public FitStatistics trainMinibatches(int epoch, int from, int to) {
        TrainSettings s = settings;
        TargetEncoding targets = TargetEncoding.of(spark.getNetwork());
        JavaRDD<DataSet> minibatches = blocks.mapPartitionsWithIndex((worker, it) -> {
            List<DataSet> out = new ArrayList<>();
            WindowSource windows = it.next();
            MinibatchPlan plan = MinibatchPlan.shuffled(windows.size(), s.batchSize(), s.seed(), epoch, worker);
            for (int b = from; b < Math.min(to, plan.size()); b++) {
                SequenceBlock batch = windows.read(plan.batch(b));
                out.add(targets.encode(batch, batch.indexes(), s.vocabularySize()));
            }
            return out.iterator();
        }, true).persist(StorageLevel.MEMORY_ONLY());
        JavaSparkContext.fromSparkContext(blocks.context())
                .setJobDescription("train (dl4j-spark) epoch " + epoch + "/" + settings.epochs());
        long sequences = minibatches.map(d -> (long) d.numExamples()).reduce(Long::sum);
        int steps = blocks.first().steps();
        long start = System.nanoTime();
        spark.fit(minibatches);
        long nanos = System.nanoTime() - start;
        minibatches.unpersist(false);
        long tokens = sequences * steps;
        double loss = spark.getScore() / MinibatchFitter.lastSegment(steps, s.tbpttLength());
        return new FitStatistics(tokens, loss * tokens, nanos);
    }

    @Override
    public double configuredRate() {
        return configuredRate;
    }

    /** dl4j-spark runs all of an epoch's averaging rounds inside one fit call. */
    @Override
    public int roundsPerEpoch() {
        return 1;
    }

    @Override
    public NetworkState state() {
        return NetworkState.capture(spark.getNetwork());
    }

    @Override
    public void restore(NetworkState saved) {
        saved.applyTo(spark.getNetwork());
    }

    @Override
    public double overheadShare() {
        return Double.NaN;
    }
}

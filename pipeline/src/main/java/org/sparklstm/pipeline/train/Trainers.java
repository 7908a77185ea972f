package org.sparklstm.pipeline.train;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.sparklstm.models.lm.SequenceBlock;
import org.sparklstm.models.lm.WindowSource;
import org.sparklstm.models.train.TrainingBlock;
import org.sparklstm.pipeline.flow.TrainingSettings;

/** The one place that chooses a trainer for the {@code train.*} settings and builds its {@link TrainSettings}. */
public final class Trainers {

    private Trainers() {
    }

    /**
     * A language model's trainer: windows become next-token targets over {@code vocabularySize}.
     *
     * @param rounds where parameter averaging's rounds leave their states
     */
    public static Trainer forLanguageModel(TrainingSettings t, JavaSparkContext sc, JavaRDD<? extends WindowSource> windows,
                                           MultiLayerNetwork net, int workers, int vocabularySize, RoundFiles rounds) {
        TrainSettings settings = settings(t, workers, t.stateful() ? 0 : t.tbpttLength(), vocabularySize, t.stateful());
        return switch (t.trainer()) {
            case DL4J_SPARK -> new Dl4jSparkTrainer(sc, windows, net, settings);
            case SYNC_GRADIENTS -> SyncGradientTrainer.forLanguageModel(sc, windows, net, settings);
            case AVERAGING -> ParameterAveragingTrainer.forLanguageModel(sc, windows, net, settings, rounds);
        };
    }

    /** A trainer of blocks that carry their own targets (series windows, labelled texts), over whole sequences. */
    public static Trainer forBlocks(TrainingSettings t, JavaSparkContext sc, JavaRDD<? extends TrainingBlock> blocks,
                                    MultiLayerNetwork net, int workers, RoundFiles rounds) {
        TrainSettings settings = settings(t, workers, 0, 0, false);
        return switch (t.trainer()) {
            case SYNC_GRADIENTS -> new SyncGradientTrainer(sc, blocks, net, settings);
            case AVERAGING -> new ParameterAveragingTrainer(sc, blocks, net, settings, rounds);
            case DL4J_SPARK -> throw new IllegalArgumentException("train.trainer = dl4j-spark trains language models only");
        };
    }

    /** What a trainer of {@code workers} partitions runs by. */
    public static TrainSettings settings(TrainingSettings t, int workers, int tbpttLength, int vocabularySize,
                                         boolean stateful) {
        return new TrainSettings(t.epochs(), workers, t.batchSizePerWorker(workers), t.averagingFrequency(), tbpttLength, t.seed(),
                vocabularySize, t.updateScale(), t.blockMomentum(), stateful, t.globalClipNorm(), t.adamState());
    }
}

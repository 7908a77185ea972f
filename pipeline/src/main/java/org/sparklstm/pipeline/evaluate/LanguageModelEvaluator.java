package org.sparklstm.pipeline.evaluate;

import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.sparklstm.models.lm.SequenceBlock;
import org.sparklstm.models.lm.WindowSource;
import org.sparklstm.models.lm.SequenceScorer;
import org.sparklstm.models.train.NetworkState;
import org.sparklstm.models.train.WorkerNetworks;

/**
 * Scores every target token of the blocks on the executors with the given state; only the sums come
 * back. The state travels as plain arrays, never as a broadcast INDArray. Stateful scoring reads the
 * blocks' consecutive windows as {@code batchSize} rows in all, each block taking an equal share, and each
 * row carries its recurrent state, as stateful training does: how much context a window is scored with does
 * not depend on how many blocks the stream was cut into.
 */
public final class LanguageModelEvaluator {

    private LanguageModelEvaluator() {
    }

    public static LossSummary evaluate(JavaRDD<? extends WindowSource> blocks, String configurationJson, NetworkState state,
                                       int batchSize, int vocabularySize, boolean stateful) {
        return evaluate(blocks, configurationJson, state, batchSize, vocabularySize, vocabularySize, stateful);
    }

    /** Scored in the vocabulary of the first {@code commonSize} ids (see {@link SequenceScorer}). */
    public static LossSummary evaluate(JavaRDD<? extends WindowSource> blocks, String configurationJson, NetworkState state,
                                       int batchSize, int vocabularySize, int commonSize, boolean stateful) {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(blocks.context());
        // scoring needs the parameters alone: Adam's moments would double what every executor receives
        Broadcast<NetworkState> shared = sc.broadcast(state.withoutUpdater());
        int partitions = blocks.getNumPartitions();
        int rows = stateful ? Math.max(1, (batchSize + partitions - 1) / partitions) : batchSize;
        try {
            return blocks.mapPartitions(it -> {
                LossSummary sum = new LossSummary(0, 0);
                if (it.hasNext()) {
                    var net = WorkerNetworks.get(configurationJson);
                    shared.value().applyTo(net);
                    while (it.hasNext()) {
                        double[] s = SequenceScorer.score(net, it.next(), rows, vocabularySize, commonSize,
                                stateful);
                        sum = sum.plus(new LossSummary(s[0], (long) s[1]));
                    }
                }
                return List.of(sum).iterator();
            }).reduce(LossSummary::plus);
        } finally {
            shared.destroy();
        }
    }
}

package org.sparklstm.models.train;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.sparklstm.models.lm.LanguageModelBlock;
import org.sparklstm.models.lm.SequenceBlock;
import org.sparklstm.models.lm.TargetEncoding;

/** Fits a network on a run of planned minibatches of one block, with DL4J's (truncated) BPTT. */
public final class MinibatchFitter {

    private MinibatchFitter() {
    }

    /** Language-model windows: see {@link #fit(MultiLayerNetwork, TrainingBlock, MinibatchPlan, int, int, long)}. */
    public static FitStatistics fit(MultiLayerNetwork net, SequenceBlock block, MinibatchPlan plan, int from,
                                    int to, int vocabularySize, int tbpttLength, long randomSeed) {
        return fit(net, new LanguageModelBlock(block, vocabularySize, tbpttLength, false, TargetEncoding.of(net)), plan,
                from, to, randomSeed);
    }

    /** What a run of minibatches fitted, and the rows' state after it (null when stateless). */
    public record Fitted(FitStatistics statistics, CarriedState carried) {
    }

    /**
     * Fits minibatches {@code [from, to)} of the plan.
     *
     * @param randomSeed seeds ND4J's random generator (dropout) so a worker's run is repeatable
     */
    public static FitStatistics fit(MultiLayerNetwork net, TrainingBlock block, MinibatchPlan plan, int from,
                                    int to, long randomSeed) {
        return fit(net, block, plan, from, to, randomSeed, null, 0).statistics();
    }

    /**
     * Fits minibatches {@code [from, to)} of the plan; with a carried state (stateful training), each minibatch's
     * rows start from the state the previous one ended in, and gradients stop at the window's edge.
     *
     * @param carried        the rows' state before minibatch {@code from}; null for stateless training
     * @param globalClipNorm clip the global gradient norm to this ({@link GlobalNormClipping}); 0: DL4J's fit,
     *                       with the network's own (per-layer) clipping
     */
    public static Fitted fit(MultiLayerNetwork net, TrainingBlock block, MinibatchPlan plan, int from, int to,
                             long randomSeed, CarriedState carried, double globalClipNorm) {
        Nd4j.getRandom().setSeed(randomSeed);
        FitStatistics stats = FitStatistics.NONE;
        try {
            for (int b = from; b < to; b++) {
                int[] windows = plan.batch(b);
                DataSet ds = block.minibatch(windows);
                long start = System.nanoTime();
                if (carried != null) {
                    carried.startTrainingFrom(net, windows.length);
                }
                if (globalClipNorm > 0) {
                    GlobalNormClipping.fit(net, ds, globalClipNorm);
                } else {
                    net.fit(ds);
                }
                if (carried != null) {
                    carried = carried.afterLastPass(net, windows.length);
                }
                long nanos = System.nanoTime() - start;
                long units = windows.length * block.unitsPerWindow();
                stats = stats.plus(new FitStatistics(units, block.lossPerUnit(net.score()) * units, nanos));
            }
        } finally {
            if (carried != null) {
                CarriedState.release(net);
            }
        }
        return new Fitted(stats, carried);
    }

    /** Length of the last truncated-BPTT segment, the one DL4J's score describes. */
    public static int lastSegment(int steps, int tbpttLength) {
        if (tbpttLength <= 0 || steps <= tbpttLength) {
            return steps;
        }
        return steps % tbpttLength == 0 ? tbpttLength : steps % tbpttLength;
    }
}

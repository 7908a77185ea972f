package org.sparklstm.models;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/** Fits a network on a run of planned minibatches of one block, with DL4J's (truncated) BPTT. */
public final class MinibatchFitter {

    private MinibatchFitter() {
    }

    /**
     * @param randomSeed seeds ND4J's random generator (dropout) so a worker's run is repeatable
     */
    public static FitStatistics fit(MultiLayerNetwork net, SequenceBlock block, MinibatchPlan plan, int from,
                                    int to, int vocabularySize, int tbpttLength, long randomSeed) {
        Nd4j.getRandom().setSeed(randomSeed);
        int steps = block.steps();
        int lastSegment = lastSegment(steps, tbpttLength);
        FitStatistics stats = FitStatistics.NONE;
        for (int b = from; b < to; b++) {
            int[] windows = plan.batch(b);
            DataSet ds = MinibatchEncoder.encode(block, windows, vocabularySize);
            long start = System.nanoTime();
            net.fit(ds);
            long nanos = System.nanoTime() - start;
            // DL4J's score is the summed loss of the last BPTT segment divided by the minibatch size
            double lossPerToken = net.score() / lastSegment;
            long tokens = (long) windows.length * steps;
            stats = stats.plus(new FitStatistics(tokens, lossPerToken * tokens, nanos));
        }
        return stats;
    }

    /** Length of the last truncated-BPTT segment, the one DL4J's score describes. */
    public static int lastSegment(int steps, int tbpttLength) {
        if (tbpttLength <= 0 || steps <= tbpttLength) {
            return steps;
        }
        return steps % tbpttLength == 0 ? tbpttLength : steps % tbpttLength;
    }
}

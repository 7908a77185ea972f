package org.sparklstm.models.lm;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sparklstm.models.text.Vocabulary;

/** Exact next-token negative log-likelihood of every target in a block, summed in double precision. */
public final class SequenceScorer {

    private static final double MIN_PROBABILITY = 1e-30;

    private SequenceScorer() {
    }

    /** @return {summed loss in nats, number of scored tokens} */
    public static double[] score(MultiLayerNetwork net, SequenceBlock block, int batchSize, int vocabularySize) {
        return score(net, block, batchSize, vocabularySize, vocabularySize);
    }

    /**
     * Scores in the vocabulary of the first {@code commonSize} ids, so that a model with a grown vocabulary and
     * one without are compared on the same events: a target id at or above {@code commonSize}, or {@code <unk>},
     * counts as {@code <unk>}, whose probability is the sum of the {@code <unk>} and grown ids' probabilities.
     *
     * @return {summed loss in nats, number of scored tokens}
     */
    public static double[] score(MultiLayerNetwork net, SequenceBlock block, int batchSize, int vocabularySize,
                                 int commonSize) {
        double nll = 0;
        long tokens = 0;
        int steps = block.steps();
        for (int from = 0; from < block.size(); from += batchSize) {
            int to = Math.min(block.size(), from + batchSize);
            int[] windows = MinibatchEncoder.range(from, to);
            net.rnnClearPreviousState();
            INDArray out = net.output(MinibatchEncoder.encode(block, windows, vocabularySize).getFeatures(), false);
            float[] p = out.dup('c').data().asFloat();
            for (int b = 0; b < windows.length; b++) {
                for (int t = 0; t < steps; t++) {
                    int target = block.token(windows[b], t + 1);
                    double prob = p[(b * vocabularySize + target) * steps + t];
                    if (target == Vocabulary.UNK_ID || target >= commonSize) {
                        prob = p[(b * vocabularySize + Vocabulary.UNK_ID) * steps + t];
                        for (int grown = commonSize; grown < vocabularySize; grown++) {
                            prob += p[(b * vocabularySize + grown) * steps + t];
                        }
                    }
                    nll -= Math.log(Math.max(prob, MIN_PROBABILITY));
                }
            }
            tokens += (long) windows.length * steps;
        }
        return new double[]{nll, tokens};
    }
}

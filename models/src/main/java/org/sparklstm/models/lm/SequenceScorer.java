package org.sparklstm.models.lm;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.IntStream;
import org.deeplearning4j.nn.api.layers.RecurrentLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.sparklstm.models.nn.NativeArrays;
import org.sparklstm.models.output.TokenSoftmaxLayer;
import org.sparklstm.models.text.Vocabulary;
import org.sparklstm.models.train.MinibatchPlan;

/**
 * Exact next-token negative log-likelihood of every target in a block, summed in double precision. Stateless
 * scoring starts every window from a zero state; stateful scoring lays the block's consecutive windows out as
 * rows and carries each row's state from one window to the next, as stateful training does.
 */
public final class SequenceScorer {

    private static final double MIN_PROBABILITY = 1e-30;

    private SequenceScorer() {
    }

    /** @return {summed loss in nats, number of scored tokens} */
    public static double[] score(MultiLayerNetwork net, WindowSource block, int batchSize, int vocabularySize) {
        return score(net, block, batchSize, vocabularySize, vocabularySize, false);
    }

    /**
     * Scores in the vocabulary of the first {@code commonSize} ids, so that a model with a grown vocabulary and
     * one without are compared on the same events: a target id at or above {@code commonSize}, or {@code <unk>},
     * counts as {@code <unk>}, whose probability is the sum of the {@code <unk>} and grown ids' probabilities.
     *
     * @param stateful the block's windows are consecutive in the stream: score them as {@code batchSize} rows
     *                 that carry their state
     * @return {summed loss in nats, number of scored tokens}
     */
    public static double[] score(MultiLayerNetwork net, WindowSource source, int batchSize, int vocabularySize,
                                 int commonSize, boolean stateful) {
        double nll = 0;
        long tokens = 0;
        MinibatchPlan plan = stateful ? MinibatchPlan.rows(source.size(), batchSize)
                : MinibatchPlan.ranges(source.size(), batchSize);
        net.rnnClearPreviousState();
        for (int b = 0; b < plan.size(); b++) {
            // one minibatch in memory at a time, whatever the source holds
            SequenceBlock block = source.read(plan.batch(b));
            int[] windows = block.indexes();
            INDArray features = MinibatchEncoder.features(block, windows);
            if (stateful) {
                keepFirstRows(net, windows.length);
            } else {
                net.rnnClearPreviousState();
            }
            if (net.getOutputLayer() instanceof TokenSoftmaxLayer softmax) {
                INDArray hidden = TokenSoftmaxLayer.hiddenStates(net, features, stateful);
                nll += negativeLogLikelihood(softmax, hidden, block, windows, vocabularySize, commonSize);
                NativeArrays.release(hidden);
            } else {
                INDArray out = stateful ? net.rnnTimeStep(features) : net.output(features, false);
                nll += negativeLogLikelihood(out, block, windows, vocabularySize, commonSize);
                NativeArrays.release(out);
            }
            tokens += (long) windows.length * block.steps();
        }
        net.rnnClearPreviousState();
        return new double[]{nll, tokens};
    }

    /**
     * Our token softmax scores each target from the hidden states, a slice of rows at a time; a target outside the
     * common vocabulary counts as {@code <unk>}, whose probability is summed from its rows' distributions.
     */
    private static double negativeLogLikelihood(TokenSoftmaxLayer softmax, INDArray hidden, SequenceBlock block,
                                                int[] windows, int vocabularySize, int commonSize) {
        int mb = windows.length;
        int steps = block.steps();
        int[] targets = new int[mb * steps];
        for (int b = 0; b < mb; b++) {
            for (int t = 0; t < steps; t++) {
                targets[b + mb * t] = block.token(windows[b], t + 1);
            }
        }
        int[] pooledRows = IntStream.range(0, targets.length)
                .filter(r -> targets[r] == Vocabulary.UNK_ID || targets[r] >= commonSize).toArray();
        for (int r : pooledRows) {
            targets[r] = Vocabulary.UNK_ID;
        }
        double[] losses = softmax.targetLosses(hidden, targets);
        if (commonSize < vocabularySize && pooledRows.length > 0) {
            int[] pooledIds = IntStream.concat(IntStream.of(Vocabulary.UNK_ID),
                    IntStream.range(commonSize, vocabularySize)).toArray();
            double[] pooled = softmax.probabilityOf(hidden, pooledRows, pooledIds);
            for (int i = 0; i < pooledRows.length; i++) {
                losses[pooledRows[i]] = -Math.log(Math.max(pooled[i], MIN_PROBABILITY));
            }
        }
        return Arrays.stream(losses).sum();
    }

    /** Any other output layer's distribution {@code [mb, V, T]}, read where the targets are. */
    private static double negativeLogLikelihood(INDArray out, SequenceBlock block, int[] windows, int vocabularySize,
                                                int commonSize) {
        int steps = block.steps();
        double nll = 0;
        // the targets' probabilities are read where they are: a copy of the output would be batch x V x steps
        for (int b = 0; b < windows.length; b++) {
            for (int t = 0; t < steps; t++) {
                int target = block.token(windows[b], t + 1);
                double prob = out.getDouble(b, target, t);
                if (target == Vocabulary.UNK_ID || target >= commonSize) {
                    prob = out.getDouble(b, Vocabulary.UNK_ID, t);
                    for (int grown = commonSize; grown < vocabularySize; grown++) {
                        prob += out.getDouble(b, grown, t);
                    }
                }
                nll -= Math.log(Math.max(prob, MIN_PROBABILITY));
            }
        }
        return nll;
    }

    /** Trims every layer's stored rnnTimeStep state to its first {@code rows} rows (the rows still running). */
    private static void keepFirstRows(MultiLayerNetwork net, int rows) {
        for (int i = 0; i < net.getnLayers(); i++) {
            if (!(net.getLayer(i) instanceof RecurrentLayer)) {
                continue;
            }
            Map<String, INDArray> state = net.rnnGetPreviousState(i);
            if (state == null || state.isEmpty()) {
                continue;
            }
            boolean trimmed = false;
            for (Map.Entry<String, INDArray> e : state.entrySet()) {
                if (e.getValue().size(0) > rows) {
                    e.setValue(e.getValue().get(NDArrayIndex.interval(0, rows), NDArrayIndex.all()).dup());
                    trimmed = true;
                }
            }
            if (trimmed) {
                net.rnnSetPreviousState(i, state);
            }
        }
    }
}

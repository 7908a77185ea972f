package org.sparklstm.models.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sparklstm.models.nn.RecurrentCell;
import org.sparklstm.models.text.Vocabulary;
import org.sparklstm.models.train.MinibatchFitter;
import org.sparklstm.models.train.MinibatchPlan;

/**
 * The scorer computes each target's log-probability from the hidden states, a slice of rows at a time, without
 * the network's distribution over the vocabulary: it must equal what that distribution gives. 50,000 ids make a
 * slice smaller than a minibatch's rows, so the slices' seams are crossed.
 */
class SequenceScorerTest {

    private static final int VOCABULARY = 50_000;
    private static final int WINDOW = 13;

    @ParameterizedTest(name = "{0} softmax, tied {1}, stateful {2}")
    @CsvSource({"FULL, false, true", "FULL, false, false", "ADAPTIVE, false, true", "ADAPTIVE, true, false"})
    void scoresAsTheNetworksOwnDistribution(String kind, boolean tied, boolean stateful) {
        MultiLayerNetwork net = trainedNetwork(kind, tied);
        SequenceBlock block = randomWindows(48, 11);
        double[] scored = SequenceScorer.score(net, block, 16, VOCABULARY, VOCABULARY, stateful);
        double[] reference = fromDistribution(net, block, 16, VOCABULARY, stateful);
        assertEquals(reference[1], scored[1]);
        assertEquals(reference[0] / reference[1], scored[0] / scored[1], 1e-5);
    }

    /** A grown vocabulary scored in the common one: ids past it count as {@code <unk>}, their probabilities pooled. */
    @ParameterizedTest(name = "{0} softmax")
    @CsvSource({"FULL", "ADAPTIVE"})
    void poolsIdsOutsideTheCommonVocabularyIntoUnknown(String kind) {
        MultiLayerNetwork net = trainedNetwork(kind, false);
        SequenceBlock block = randomWindows(24, 12);
        int common = 45_000;
        double[] scored = SequenceScorer.score(net, block, 8, VOCABULARY, common, true);
        double[] reference = fromDistribution(net, block, 8, common, true);
        assertEquals(reference[0] / reference[1], scored[0] / scored[1], 1e-5);
    }

    /** A small network trained a few steps, so that its distribution is not uniform. */
    private static MultiLayerNetwork trainedNetwork(String kind, boolean tied) {
        SoftmaxSpec softmax = kind.equals("FULL") ? SoftmaxSpec.FULL : SoftmaxSpec.adaptive(List.of(1_000, 10_000));
        MultiLayerNetwork net = NetworkFactory.create(new LanguageModelSpec(VOCABULARY, 8, 2, 8, 0.0, 0.05, 5.0, 0, 3,
                RecurrentCell.LSTM, softmax, tied));
        SequenceBlock train = randomWindows(32, 5);
        MinibatchFitter.fit(net, train, MinibatchPlan.ranges(train.size(), 8), 0, 4, VOCABULARY, 0, 1);
        return net;
    }

    /**
     * The summed loss read from the network's whole distribution {@code [mb, V, T]}, each target's probability
     * where it is, and targets at or past {@code common} (or {@code <unk>}) scored as the sum of those ids and
     * {@code <unk>}.
     */
    private static double[] fromDistribution(MultiLayerNetwork net, SequenceBlock block, int batchSize, int common,
                                             boolean stateful) {
        double nll = 0;
        long tokens = 0;
        MinibatchPlan plan = stateful ? MinibatchPlan.rows(block.size(), batchSize)
                : MinibatchPlan.ranges(block.size(), batchSize);
        net.rnnClearPreviousState();
        for (int m = 0; m < plan.size(); m++) {
            SequenceBlock part = block.read(plan.batch(m));
            int[] windows = part.indexes();
            INDArray features = MinibatchEncoder.features(part, windows);
            if (!stateful) {
                net.rnnClearPreviousState();
            }
            INDArray out = stateful ? net.rnnTimeStep(features) : net.output(features, false);
            for (int b = 0; b < windows.length; b++) {
                for (int t = 0; t < part.steps(); t++) {
                    int target = part.token(windows[b], t + 1);
                    double p = out.getDouble(b, target, t);
                    if (target == Vocabulary.UNK_ID || target >= common) {
                        p = out.getDouble(b, Vocabulary.UNK_ID, t);
                        for (int id = common; id < VOCABULARY; id++) {
                            p += out.getDouble(b, id, t);
                        }
                    }
                    nll -= Math.log(p);
                    tokens++;
                }
            }
        }
        net.rnnClearPreviousState();
        return new double[]{nll, tokens};
    }

    /** Windows of ids drawn from a skewed distribution, so that every adaptive cluster has targets. */
    private static SequenceBlock randomWindows(int windows, long seed) {
        Random r = new Random(seed);
        int[] data = new int[windows * WINDOW];
        for (int i = 0; i < data.length; i++) {
            data[i] = (int) Math.min(VOCABULARY - 1, Math.floor(Math.exp(r.nextDouble() * Math.log(VOCABULARY))));
        }
        return new SequenceBlock(WINDOW, data);
    }
}

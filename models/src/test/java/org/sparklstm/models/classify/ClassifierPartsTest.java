package org.sparklstm.models.classify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.sparklstm.models.nn.RecurrentCell;
import org.sparklstm.models.text.LineEnd;
import org.sparklstm.models.text.TextEncoding;
import org.sparklstm.models.text.TokenizerSpec;
import org.sparklstm.models.text.Vocabulary;
import org.sparklstm.models.train.Gradients;
import org.sparklstm.models.train.MinibatchPlan;

/** Masking, bucketing, labels, metrics and embedding initialisation of the classifier, checked by value. */
class ClassifierPartsTest {

    /** Five texts of lengths 3, 7, 1, 5, 2 over a vocabulary of 12; labels alternate. */
    static TextBlock block() {
        int[][] texts = {{2, 3, 4}, {5, 6, 7, 8, 9, 10, 11}, {3}, {4, 4, 5, 6, 2}, {9, 8}};
        int[] starts = new int[texts.length + 1];
        List<Integer> tokens = new ArrayList<>();
        for (int i = 0; i < texts.length; i++) {
            starts[i] = tokens.size();
            Arrays.stream(texts[i]).forEach(tokens::add);
        }
        starts[texts.length] = tokens.size();
        return new TextBlock(2, starts, tokens.stream().mapToInt(Integer::intValue).toArray(), new int[]{0, 1, 0, 1, 0});
    }

    static ClassifierSpec spec(String pooling) {
        return new ClassifierSpec(12, 6, 2, 5, 0, 2, pooling, false, 0.01, 0, 11);
    }

    static ClassifierSpec spec(String pooling, RecurrentCell cell, boolean bidirectional) {
        return new ClassifierSpec(12, 6, 2, 5, 0, 2, pooling, false, 0.01, 0, 11, cell, bidirectional);
    }

    @Test
    void aPaddedBatchGivesTheLossAndGradientsOfItsSequencesOneByOne() {
        for (String pooling : List.of(ClassifierSpec.MAX, ClassifierSpec.MEAN, ClassifierSpec.LAST)) {
            assertPaddingChangesNothing(spec(pooling));
        }
    }

    @Test
    void aPaddedGruBatchGivesTheLossAndGradientsOfItsSequencesOneByOne() {
        for (String pooling : List.of(ClassifierSpec.MAX, ClassifierSpec.MEAN, ClassifierSpec.LAST)) {
            assertPaddingChangesNothing(spec(pooling, RecurrentCell.GRU, false));
        }
    }

    /** The backward copy of each layer reads the padding first: the mask must restart it from a zero state. */
    @Test
    void aPaddedBidirectionalGruBatchGivesTheLossAndGradientsOfItsSequencesOneByOne() {
        for (String pooling : List.of(ClassifierSpec.MAX, ClassifierSpec.MEAN)) {
            assertPaddingChangesNothing(spec(pooling, RecurrentCell.GRU, true));
        }
    }

    /**
     * DL4J 1.0.0-M2's LSTM and GravesLSTM never keep the features mask inside a MultiLayerNetwork, so in
     * Bidirectional the backward copy would read the padding first (its loss on this batch was off by 6e-3):
     * such classifiers are refused rather than trained wrong.
     */
    @Test
    void bidirectionalClassifiersOfDl4jLstmLayersAreRefused() {
        for (RecurrentCell cell : List.of(RecurrentCell.LSTM, RecurrentCell.PEEPHOLE)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ClassifierNetworkFactory.create(spec(ClassifierSpec.MAX, cell, true)));
            assertTrue(e.getMessage().contains("needs model.cell = gru"), e.getMessage());
        }
    }

    @Test
    void aPaddedPeepholeBatchGivesTheLossAndGradientsOfItsSequencesOneByOne() {
        for (String pooling : List.of(ClassifierSpec.MAX, ClassifierSpec.MEAN, ClassifierSpec.LAST)) {
            assertPaddingChangesNothing(spec(pooling, RecurrentCell.PEEPHOLE, false));
        }
    }

    /** Loss and gradients of the padded batch of all five texts equal the sums over the texts one at a time. */
    private static void assertPaddingChangesNothing(ClassifierSpec spec) {
        String what = spec.cell() + (spec.bidirectional() ? " bidirectional " : " ") + spec.pooling();
        MultiLayerNetwork net = ClassifierNetworkFactory.create(spec);
        TextBlock block = block();
        int[] all = {0, 1, 2, 3, 4};
        Gradients.Part batch = Gradients.compute(net, block.minibatch(all));
        double lossSum = 0;
        float[] gradientSum = new float[batch.sum().length];
        for (int i : all) {
            DataSet one = block.minibatch(new int[]{i});
            assertEquals(block.length(i), one.getFeatures().size(2), "a sequence alone is not padded");
            Gradients.Part single = Gradients.compute(net, one);
            lossSum += single.lossSum();
            for (int k = 0; k < gradientSum.length; k++) {
                gradientSum[k] += single.sum()[k];
            }
        }
        assertEquals(lossSum, batch.lossSum(), 1e-5, what + ": loss");
        double largest = 0;
        for (int k = 0; k < gradientSum.length; k++) {
            largest = Math.max(largest, Math.abs(gradientSum[k]));
            assertEquals(gradientSum[k], batch.sum()[k], 1e-5 + 1e-4 * Math.abs(gradientSum[k]), what + ": gradient " + k);
        }
        assertTrue(largest > 1e-3, what + ": gradients are not all zero");
    }

    @Test
    void minibatchesArePaddedToTheirLongestTextAndMasked() {
        DataSet ds = block().minibatch(new int[]{2, 4, 0});
        assertArrayEquals(new long[]{3, 1, 3}, ds.getFeatures().shape());
        INDArray mask = ds.getFeaturesMaskArray();
        assertArrayEquals(new float[]{1, 0, 0, 1, 1, 0, 1, 1, 1}, mask.dup('c').data().asFloat());
        assertArrayEquals(new float[]{3, 0, 0, 9, 8, 0, 2, 3, 4}, ds.getFeatures().dup('c').data().asFloat());
        assertArrayEquals(new float[]{1, 0, 1, 0, 1, 0}, ds.getLabels().dup('c').data().asFloat());
    }

    @Test
    void bucketsHoldSimilarLengthsAndEveryTextOnce() {
        int[] lengths = new int[100];
        for (int i = 0; i < lengths.length; i++) {
            lengths[i] = (i * 37) % 50 + 1;
        }
        MinibatchPlan plan = MinibatchPlan.bucketed(lengths, 10, 5, 1, 0);
        assertEquals(10, plan.size());
        boolean[] seen = new boolean[100];
        int padded = 0;
        for (int b = 0; b < plan.size(); b++) {
            int[] batch = plan.batch(b);
            int max = Arrays.stream(batch).map(i -> lengths[i]).max().orElseThrow();
            int min = Arrays.stream(batch).map(i -> lengths[i]).min().orElseThrow();
            assertTrue(max - min <= 5, "lengths " + min + ".." + max + " in one batch");
            for (int i : batch) {
                assertTrue(!seen[i], "text " + i + " twice");
                seen[i] = true;
                padded += max - lengths[i];
            }
        }
        assertTrue(padded < 250, "padding " + padded);
        assertArrayEquals(plan.batch(3), MinibatchPlan.bucketed(lengths, 10, 5, 1, 0).batch(3), "seeded");
        assertTrue(!Arrays.equals(plan.batch(0), MinibatchPlan.bucketed(lengths, 10, 5, 2, 0).batch(0)),
                "another epoch, another order");
    }

    @Test
    void labelsAreIndexedInSortedOrder() {
        Labels labels = Labels.of(List.of("other", "great", "other", "great"));
        assertEquals(List.of("great", "other"), labels.names());
        assertEquals(0, labels.index("great"));
        assertEquals(1, labels.index("other"));
        assertEquals(-1, labels.index("meh"));
        assertThrows(IllegalArgumentException.class, () -> Labels.of(List.of("only")));
    }

    @Test
    void metricsByHand() {
        // actual 0: predicted 0, 1, 0; actual 1: 1, 1, 0, 1; actual 2: 2
        long[][] confusion = {{2, 1, 0}, {1, 3, 0}, {0, 0, 1}};
        ClassificationMetrics m = new ClassificationMetrics(confusion, Double.NaN);
        assertEquals(8, m.total());
        assertEquals(6.0 / 8, m.accuracy(), 1e-12);
        assertEquals(2.0 / 3, m.precision(0), 1e-12);
        assertEquals(2.0 / 3, m.recall(0), 1e-12);
        assertEquals(3.0 / 4, m.precision(1), 1e-12);
        assertEquals(3.0 / 4, m.recall(1), 1e-12);
        assertEquals((2.0 / 3 + 3.0 / 4 + 1) / 3, m.macroF1(), 1e-12);
        assertEquals(4, m.support(1));
    }

    @Test
    void word2vecVectorsLandInTheRowsOfTheirTokens() {
        Vocabulary vocabulary = new Vocabulary(List.of("<unk>", "<eos>", "good", "bad", "tea"));
        MultiLayerNetwork net = ClassifierNetworkFactory.create(new ClassifierSpec(5, 3, 1, 4, 0, 2, "max", false,
                0.01, 0, 1));
        INDArray before = net.getLayer(0).getParam("W").dup();
        int copied = EmbeddingInitializer.apply(net, vocabulary, Map.of("tea", new float[]{1, 2, 3},
                "good", new float[]{-1, 0, 1}, "absent", new float[]{9, 9, 9}));
        assertEquals(2, copied);
        INDArray w = net.getLayer(0).getParam("W");
        assertArrayEquals(new float[]{-1, 0, 1}, w.getRow(2).toFloatVector());
        assertArrayEquals(new float[]{1, 2, 3}, w.getRow(4).toFloatVector());
        assertArrayEquals(before.getRow(3).toFloatVector(), w.getRow(3).toFloatVector(), "no vector: unchanged");
        assertArrayEquals(before.getRow(0).toFloatVector(), w.getRow(0).toFloatVector());
    }

    @Test
    void frozenEmbeddingsStayWhileTheRestTrains() {
        MultiLayerNetwork net = ClassifierNetworkFactory.create(new ClassifierSpec(12, 6, 1, 5, 0, 2, "max", true,
                0.05, 0, 1));
        INDArray embedding = net.getLayer(0).getParam("W").dup();
        INDArray output = net.getLayer(net.getnLayers() - 1).getParam("W").dup();
        net.fit(block().minibatch(new int[]{0, 1, 2, 3, 4}));
        assertEquals(embedding, net.getLayer(0).getParam("W"));
        assertTrue(!output.equals(net.getLayer(net.getnLayers() - 1).getParam("W")));
    }

    @Test
    void longTextsAreCutAtTheConfiguredEnd() {
        TextEncoding words = TextEncoding.of(new TokenizerSpec(TokenizerSpec.WORD, TokenizerSpec.DEFAULT_WORD_PATTERN,
                true, 100, 1, TokenizerSpec.DEFAULT_BPE_VOCABULARY, LineEnd.NONE),
                new Vocabulary(List.of("<unk>", "<eos>", "a", "b", "c", "d")));
        assertArrayEquals(new int[]{2, 3, 4}, new TextPreparation(words, 3, false).ids("A b c d"));
        assertArrayEquals(new int[]{3, 4, 5}, new TextPreparation(words, 3, true).ids("A b c d"));
        assertArrayEquals(new int[]{2, 0}, new TextPreparation(words, 3, false).ids("a zz"));
    }
}

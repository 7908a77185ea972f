package org.sparklstm.models.lm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.sparklstm.models.text.Vocabulary;
import org.sparklstm.models.text.VocabularyGrowth;
import org.sparklstm.models.train.MinibatchFitter;
import org.sparklstm.models.train.MinibatchPlan;

/** Warm starts for retraining: parameters carried over exactly, a grown vocabulary's rows and columns added. */
class WarmStartTest {

    static final int V = NetworkTest.VOCAB;

    /** A network trained a few steps, so its parameters and Adam state differ from any fresh one. */
    static MultiLayerNetwork trained() {
        MultiLayerNetwork net = NetworkFactory.create(NetworkTest.spec(0));
        SequenceBlock block = NetworkTest.randomBlock(8, 11, 3);
        MinibatchFitter.fit(net, block, MinibatchPlan.shuffled(8, 4, 1, 0, 0), 0, 2, V, 0, 1);
        return net;
    }

    @Test
    void sameVocabularyCopiesEveryParameterAndRestartsTheUpdater() {
        MultiLayerNetwork champion = trained();
        // another learning rate: the training settings are the new run's, the parameters the champion's
        LanguageModelSpec spec = new LanguageModelSpec(V, 8, 2, 16, 0.0, 0.001, 5.0, 0, 99);
        MultiLayerNetwork warm = WarmStart.from(champion, spec);
        assertArrayEquals(champion.params().data().asFloat(), warm.params().data().asFloat());
        assertNotEquals(0, champion.getLayerWiseConfigurations().getIterationCount());
        assertEquals(0, warm.getLayerWiseConfigurations().getIterationCount());
        float[] adam = warm.getUpdater().getStateViewArray().data().asFloat();
        for (float m : adam) {
            assertEquals(0f, m);
        }
        // so before any training the challenger scores exactly as the champion
        SequenceBlock block = NetworkTest.randomBlock(5, 11, 4);
        assertArrayEquals(SequenceScorer.score(champion, block, 5, V), SequenceScorer.score(warm, block, 5, V));
    }

    @Test
    void grownVocabularyKeepsOldRowsAndColumnsAndInitialisesNewOnesFresh() {
        MultiLayerNetwork champion = trained();
        int grown = V + 3;
        LanguageModelSpec spec = NetworkTest.spec(0).withVocabularySize(grown);
        MultiLayerNetwork warm = WarmStart.from(champion, spec);
        MultiLayerNetwork fresh = NetworkFactory.create(spec);

        INDArray embedding = warm.getLayer(0).getParam("W");
        assertArrayEquals(new long[]{grown, 8}, embedding.shape());
        assertEquals(champion.getLayer(0).getParam("W"), embedding.get(NDArrayIndex.interval(0, V), NDArrayIndex.all()));
        assertEquals(fresh.getLayer(0).getParam("W").get(NDArrayIndex.interval(V, grown), NDArrayIndex.all()),
                embedding.get(NDArrayIndex.interval(V, grown), NDArrayIndex.all()));
        for (int layer = 1; layer <= 2; layer++) {
            for (Map.Entry<String, INDArray> p : champion.getLayer(layer).paramTable().entrySet()) {
                assertEquals(p.getValue(), warm.getLayer(layer).getParam(p.getKey()), "layer " + layer + " " + p.getKey());
            }
        }
        for (String name : List.of("W", "b")) {
            INDArray out = warm.getLayer(3).getParam(name);
            assertEquals(grown, out.size(1));
            assertEquals(champion.getLayer(3).getParam(name), out.get(NDArrayIndex.all(), NDArrayIndex.interval(0, V)));
            assertEquals(fresh.getLayer(3).getParam(name).get(NDArrayIndex.all(), NDArrayIndex.interval(V, grown)),
                    out.get(NDArrayIndex.all(), NDArrayIndex.interval(V, grown)));
        }
        // the new rows are a fresh network's (Xavier, non-zero), not left empty
        assertTrue(embedding.get(NDArrayIndex.interval(V, grown), NDArrayIndex.all()).norm2Number().doubleValue() > 0);
    }

    @Test
    void anotherArchitectureIsRefusedNamingTheLayer() {
        LanguageModelSpec wider = new LanguageModelSpec(V, 8, 2, 32, 0.0, 0.01, 5.0, 0, 7);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WarmStart.from(trained(), wider));
        assertTrue(e.getMessage().startsWith("layer 1 parameter"), e.getMessage());
        LanguageModelSpec smallerVocabulary = NetworkTest.spec(0).withVocabularySize(V - 1);
        assertThrows(IllegalArgumentException.class, () -> WarmStart.from(trained(), smallerVocabulary));
        LanguageModelSpec deeper = new LanguageModelSpec(V, 8, 3, 16, 0.0, 0.01, 5.0, 0, 7);
        assertThrows(IllegalArgumentException.class, () -> WarmStart.from(trained(), deeper));
    }

    @Test
    void vocabularyGrowthAppendsNewTokensAndKeepsOldIds() {
        Vocabulary old = new Vocabulary(List.of(Vocabulary.UNK, Vocabulary.EOS, "a", "b"));
        Map<String, Long> counts = Map.of("a", 5L, "c", 3L, "e", 3L, "d", 1L, "f", 7L, Vocabulary.UNK, 9L);
        Vocabulary grown = VocabularyGrowth.grow(old, counts, 100, 2);
        assertEquals(List.of(Vocabulary.UNK, Vocabulary.EOS, "a", "b", "f", "c", "e"), grown.tokens());
        assertEquals(2, grown.id("a"));
        assertEquals(3, grown.id("b"));
        assertEquals(5, grown.id("c"));
        assertEquals(Vocabulary.UNK_ID, grown.id("d"), "seen fewer than min-count times");
        assertEquals(Vocabulary.UNK_ID, old.id("c"), "the champion maps it to <unk>");
        assertEquals(List.of(Vocabulary.UNK, Vocabulary.EOS, "a", "b", "f"),
                VocabularyGrowth.grow(old, counts, 5, 2).tokens(), "capped at the maximum size");
        assertSame(old, VocabularyGrowth.grow(old, Map.of("a", 4L, "d", 1L), 100, 2), "nothing new: unchanged");
    }

    @Test
    void commonVocabularyScoringMergesGrownIdsIntoUnk() {
        int grown = V + 3;
        MultiLayerNetwork net = NetworkFactory.create(NetworkTest.spec(0).withVocabularySize(grown));
        // one window: inputs 2, 3; targets 3 (known), V + 1 (grown), 0 (<unk>)
        SequenceBlock block = new SequenceBlock(4, new int[]{2, 3, V + 1, 0});
        INDArray p = net.output(MinibatchEncoder.encode(block, new int[]{0}).getFeatures(), false);
        double unkOrGrown1 = p.getDouble(0, 0, 1) + p.getDouble(0, V, 1) + p.getDouble(0, V + 1, 1)
                + p.getDouble(0, V + 2, 1);
        double unkOrGrown2 = p.getDouble(0, 0, 2) + p.getDouble(0, V, 2) + p.getDouble(0, V + 1, 2)
                + p.getDouble(0, V + 2, 2);
        double expected = -Math.log(p.getDouble(0, 3, 0)) - Math.log(unkOrGrown1) - Math.log(unkOrGrown2);
        double[] merged = SequenceScorer.score(net, block, 1, grown, V, false);
        assertEquals(3.0, merged[1]);
        assertEquals(expected, merged[0], 1e-5);
        double own = -Math.log(p.getDouble(0, 3, 0)) - Math.log(p.getDouble(0, V + 1, 1)) - Math.log(p.getDouble(0, 0, 2));
        assertEquals(own, SequenceScorer.score(net, block, 1, grown)[0], 1e-5);
        assertArrayEquals(new int[]{2, 3, 0, 0}, block.withUnknownFrom(V).window(0));
    }
}

package org.sparklstm.models.lm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparklstm.models.text.BpeLearner;
import org.sparklstm.models.text.BpeMerges;
import org.sparklstm.models.text.TextEncoding;
import org.sparklstm.models.text.TokenizerSpec;
import org.sparklstm.models.text.Vocabulary;
import org.sparklstm.models.train.MinibatchFitter;
import org.sparklstm.models.train.MinibatchPlan;

class ModelBundleTest {

    @TempDir
    java.nio.file.Path tmp;

    @Test
    void reloadedBundleGivesBitIdenticalOutputs() throws IOException {
        MultiLayerNetwork net = NetworkFactory.create(NetworkTest.spec(5));
        SequenceBlock block = NetworkTest.randomBlock(8, 11, 3);
        MinibatchFitter.fit(net, block, MinibatchPlan.shuffled(8, 4, 1, 0, 0), 0, 2, NetworkTest.VOCAB, 5, 1);
        List<String> tokens = List.of("<unk>", "<eos>", "a", "b", "c", "d", "e", "f", "g", "h", "i", "\n");
        ModelBundle bundle = new ModelBundle(net, TokenizerSpec.chars(), new Vocabulary(tokens), "{\"k\":1}",
                Map.of("baseline_validation_loss", 2.5));
        Path dir = new Path(tmp.toUri().toString(), "model");
        bundle.save(dir, new Configuration());

        ModelBundle loaded = ModelBundle.load(dir, new Configuration());
        var features = MinibatchEncoder.encode(block, MinibatchPlan.ranges(8, 8).batch(0)).getFeatures();
        assertArrayEquals(net.output(features).data().asFloat(), loaded.network().output(features).data().asFloat());
        assertArrayEquals(net.getUpdater().getStateViewArray().data().asFloat(),
                loaded.network().getUpdater().getStateViewArray().data().asFloat());
        assertEquals(tokens, loaded.vocabulary().tokens());
        assertEquals("char", loaded.tokenizer().type());
        assertEquals("{\"k\":1}", loaded.configJson());
        assertEquals(2.5, (Double) loaded.statistics().get("baseline_validation_loss"));
    }

    @Test
    void bpeBundleKeepsItsMerges() throws IOException {
        Map<String, Long> counts = Map.of("low", 5L, "lower", 2L, "newest", 6L, "widest", 3L, "a b", 2L);
        TokenizerSpec spec = TokenizerSpec.bpe("\\S+", true, 100, 2);
        BpeLearner.Learned learned = BpeLearner.learn(counts, spec.bpeVocabulary());
        TextEncoding encoding = new TextEncoding(spec, learned.vocabulary(), learned.merges());
        ModelBundle bundle = new ModelBundle(NetworkFactory.create(NetworkTest.spec(0).withVocabularySize(learned.vocabulary().size())),
                encoding, "{}", Map.of());
        Path dir = new Path(tmp.toUri().toString(), "bpe");
        bundle.save(dir, new Configuration());

        TextEncoding loaded = ModelBundle.load(dir, new Configuration()).encoding();
        assertEquals(spec, loaded.spec());
        assertEquals(learned.merges(), loaded.merges());
        // Sennrich's 13 merges and two across the space of "a b" (a space sorts first among ties)
        assertEquals(15, loaded.merges().size());
        assertEquals(new BpeMerges.Merge("a", " b</w>"), loaded.merges().merges().get(11));
        assertEquals(learned.vocabulary().tokens(), loaded.vocabulary().tokens());
        assertArrayEquals(encoding.encode("Lowest newer widest"), loaded.encode("Lowest newer widest"));
    }

    @Test
    void missingPartIsNamed() throws IOException {
        Files.createDirectories(tmp.resolve("empty"));
        IOException e = assertThrows(IOException.class,
                () -> ModelBundle.load(new Path(tmp.resolve("empty").toUri()), new Configuration()));
        assertEquals(true, e.getMessage().contains("network.zip is missing"));
    }
}

package org.sparklstm.models.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sparklstm.models.nn.RecurrentCell;
import org.sparklstm.models.train.MinibatchFitter;
import org.sparklstm.models.train.MinibatchPlan;

/** The project's language model with every cell: dropout, truncated BPTT shorter than the sequence, sampling. */
class LanguageModelCellsTest {

    @ParameterizedTest
    @EnumSource(RecurrentCell.class)
    void trainsWithDropoutAndTruncatedBpttAndSamples(RecurrentCell cell) {
        LanguageModelSpec spec = new LanguageModelSpec(NetworkTest.VOCAB, 8, 2, 16, 0.2, 0.02, 5.0, 4, 7)
                .withCell(cell);
        MultiLayerNetwork net = NetworkFactory.create(spec);
        SequenceBlock block = NetworkTest.randomBlock(6, 11, 3);
        double before = SequenceScorer.score(net, block, 6, NetworkTest.VOCAB)[0];
        for (int epoch = 0; epoch < 30; epoch++) {
            MinibatchFitter.fit(net, block, MinibatchPlan.shuffled(6, 3, 1, epoch, 0), 0, 2, NetworkTest.VOCAB, 4, 1);
        }
        double after = SequenceScorer.score(net, block, 6, NetworkTest.VOCAB)[0];
        assertTrue(after < 0.8 * before, cell + ": loss " + before + " -> " + after);
        List<Integer> a = TextSampler.sample(net, new int[] {2, 3, 4}, 20, 1.0, 11);
        assertEquals(a, TextSampler.sample(net, new int[] {2, 3, 4}, 20, 1.0, 11), "sampling restarts its state");
        assertEquals(20, a.size());
    }
}

package org.sparklstm.models.lm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.sparklstm.models.train.FitStatistics;
import org.sparklstm.models.train.MinibatchFitter;
import org.sparklstm.models.train.MinibatchPlan;
import org.sparklstm.models.train.NetworkState;

public class NetworkTest {

    public static final int VOCAB = 12;

    static LanguageModelSpec spec(int tbptt) {
        return new LanguageModelSpec(VOCAB, 8, 2, 16, 0.0, 0.01, 5.0, tbptt, 7);
    }

    public static SequenceBlock randomBlock(int windows, int length, long seed) {
        Random r = new Random(seed);
        int[] data = new int[windows * length];
        for (int i = 0; i < data.length; i++) {
            data[i] = r.nextInt(VOCAB);
        }
        return new SequenceBlock(length, data);
    }

    @Test
    void seededInitialisationAndForgetGateBias() {
        MultiLayerNetwork a = NetworkFactory.create(spec(0));
        MultiLayerNetwork b = NetworkFactory.create(spec(0));
        assertArrayEquals(a.params().data().asFloat(), b.params().data().asFloat());
        // LSTM bias layout is [input, forget, output, cell] blocks of size hidden
        float[] bias = a.getLayer(1).getParam("b").data().asFloat();
        assertEquals(1f, bias[16]);
        assertEquals(1f, bias[31]);
        assertEquals(0f, bias[0]);
    }

    @Test
    void fitLossEqualsExactScoreBeforeTheUpdate() {
        MultiLayerNetwork net = NetworkFactory.create(spec(0));
        SequenceBlock block = randomBlock(6, 11, 1);
        double[] before = SequenceScorer.score(net, block, 6, VOCAB);
        assertEquals(60.0, before[1]);
        MinibatchPlan plan = MinibatchPlan.shuffled(6, 6, 1, 0, 0);
        FitStatistics fit = MinibatchFitter.fit(net, block, plan, 0, 1, VOCAB, 0, 3);
        assertEquals(60, fit.tokens());
        assertEquals(before[0] / before[1], fit.meanLoss(), 1e-4);
        // near-uniform start: loss close to ln(V)
        assertEquals(Math.log(VOCAB), fit.meanLoss(), 0.1);
        double[] after = SequenceScorer.score(net, block, 4, VOCAB);
        assertTrue(after[0] < before[0], "one Adam step on the batch lowers its loss");
    }

    @Test
    void stateRoundTripsThroughFlatArrays() {
        MultiLayerNetwork trained = NetworkFactory.create(spec(5));
        SequenceBlock block = randomBlock(4, 11, 2);
        MinibatchFitter.fit(trained, block, MinibatchPlan.shuffled(4, 2, 1, 0, 0), 0, 2, VOCAB, 5, 1);
        NetworkState state = NetworkState.capture(trained);
        // two minibatches of 10 steps with tBPTT 5: four updates
        assertEquals(4, state.iterations());
        MultiLayerNetwork fresh = NetworkFactory.create(spec(5));
        state.applyTo(fresh);
        assertArrayEquals(trained.params().data().asFloat(), fresh.params().data().asFloat());
        assertArrayEquals(trained.getUpdater().getStateViewArray().data().asFloat(),
                fresh.getUpdater().getStateViewArray().data().asFloat());
        assertEquals(4, fresh.getLayerWiseConfigurations().getIterationCount());
    }
}

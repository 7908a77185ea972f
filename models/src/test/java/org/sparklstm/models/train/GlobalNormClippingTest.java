package org.sparklstm.models.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;
import org.sparklstm.models.lm.LanguageModelSpec;
import org.sparklstm.models.lm.MinibatchEncoder;
import org.sparklstm.models.lm.NetworkFactory;
import org.sparklstm.models.lm.SequenceBlock;

class GlobalNormClippingTest {

    private static final int V = 12;

    private static MultiLayerNetwork unclipped() {
        return NetworkFactory.create(new LanguageModelSpec(V, 8, 2, 16, 0.0, 0.01, 0.0, 0, 7));
    }

    private static DataSet minibatch() {
        int[] data = new int[6 * 11];
        for (int i = 0; i < data.length; i++) {
            data[i] = (i * 7 + i / 5) % V;
        }
        return MinibatchEncoder.encode(new SequenceBlock(11, data), MinibatchPlan.ranges(6, 6).batch(0));
    }

    @Test
    void aGradientWithinTheLimitIsDl4jsOwnFit() {
        MultiLayerNetwork fitted = unclipped();
        MultiLayerNetwork stepped = unclipped();
        for (int step = 0; step < 3; step++) {
            fitted.fit(minibatch());
            GlobalNormClipping.fit(stepped, minibatch(), 1e6);
        }
        assertArrayEquals(fitted.params().data().asFloat(), stepped.params().data().asFloat(), 1e-6f);
        assertEquals(fitted.score(), stepped.score(), 1e-6);
    }

    @Test
    void aLargerGradientIsScaledToTheLimitAsAWhole() {
        double[] sum = {30, -40, 0};
        // per example (2 examples): norm 25
        double[] clipped = GlobalNormClipping.clipped(sum.clone(), 2, 5);
        assertArrayEquals(new double[] {6, -8, 0}, clipped, 1e-12);
        assertArrayEquals(sum, GlobalNormClipping.clipped(sum.clone(), 2, 25), 1e-12);

        // Adam divides by the gradient's scale, down to its epsilon (1e-8): a gradient clipped far below that
        // barely moves the parameters, an unclipped one moves them by about the learning rate
        float[] start = unclipped().params().data().asFloat();
        MultiLayerNetwork free = unclipped();
        MultiLayerNetwork tight = unclipped();
        GlobalNormClipping.fit(free, minibatch(), 1e6);
        GlobalNormClipping.fit(tight, minibatch(), 1e-12);
        double freeMove = maxMove(start, free);
        assertTrue(freeMove > 1e-3, "an unclipped step moves a parameter by " + freeMove);
        assertTrue(maxMove(start, tight) < 1e-3 * freeMove, "a clipped step moves it by " + maxMove(start, tight));
    }

    private static double maxMove(float[] start, MultiLayerNetwork net) {
        float[] now = net.params().data().asFloat();
        double max = 0;
        for (int i = 0; i < now.length; i++) {
            max = Math.max(max, Math.abs(now[i] - start[i]));
        }
        return max;
    }
}

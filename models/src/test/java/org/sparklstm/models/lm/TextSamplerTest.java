package org.sparklstm.models.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;

class TextSamplerTest {

    @Test
    void sameSeedSameTextAndZeroTemperatureIsGreedy() {
        MultiLayerNetwork net = NetworkFactory.create(NetworkTest.spec(0));
        List<Integer> a = TextSampler.sample(net, new int[]{2, 3, 4}, 40, 1.0, 11);
        List<Integer> b = TextSampler.sample(net, new int[]{2, 3, 4}, 40, 1.0, 11);
        List<Integer> c = TextSampler.sample(net, new int[]{2, 3, 4}, 40, 1.0, 12);
        assertEquals(40, a.size());
        assertEquals(a, b);
        assertNotEquals(a, c);
        assertEquals(TextSampler.sample(net, new int[]{2, 3, 4}, 10, 0, 1),
                TextSampler.sample(net, new int[]{2, 3, 4}, 10, 0, 2));
    }

    @Test
    void temperatureReshapesTheDistribution() {
        float[] p = {0.7f, 0.2f, 0.1f};
        assertEquals(0, TextSampler.pick(p, 0, new Random(1)));
        int[] cold = counts(p, 0.25);
        int[] warm = counts(p, 1.0);
        // at T=1 frequencies follow p; at T=0.25 the top token dominates (0.7^4 / (0.7^4 + 0.2^4 + 0.1^4) = 0.9930)
        assertEquals(0.7, warm[0] / 20000.0, 0.015);
        assertEquals(0.9930, cold[0] / 20000.0, 0.005);
    }

    private static int[] counts(float[] p, double t) {
        Random r = new Random(5);
        int[] c = new int[p.length];
        for (int i = 0; i < 20000; i++) {
            c[TextSampler.pick(p, t, r)]++;
        }
        return c;
    }
}

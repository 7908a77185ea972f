package org.sparklstm.models.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.sparklstm.models.lm.MinibatchEncoder;
import org.sparklstm.models.lm.SequenceBlock;

class MinibatchPlanTest {

    @Test
    void visitsEveryWindowOnceInSeededOrder() {
        MinibatchPlan plan = MinibatchPlan.shuffled(10, 4, 42, 0, 0);
        assertEquals(3, plan.size());
        assertEquals(2, plan.batch(2).length);
        int[] all = IntStream.range(0, plan.size()).flatMap(i -> Arrays.stream(plan.batch(i))).sorted().toArray();
        assertArrayEquals(IntStream.range(0, 10).toArray(), all);

        MinibatchPlan again = MinibatchPlan.shuffled(10, 4, 42, 0, 0);
        assertArrayEquals(plan.batch(0), again.batch(0));
        MinibatchPlan nextEpoch = MinibatchPlan.shuffled(10, 4, 42, 1, 0);
        assertFalse(Arrays.equals(concat(plan), concat(nextEpoch)));
    }

    private static int[] concat(MinibatchPlan p) {
        return IntStream.range(0, p.size()).flatMap(i -> Arrays.stream(p.batch(i))).toArray();
    }

    @Test
    void encoderPutsIndicesInFeaturesAndNextTokenIdsInLabels() {
        SequenceBlock block = new SequenceBlock(4, new int[]{1, 2, 3, 4, 5, 6, 7, 0});
        var ds = MinibatchEncoder.encode(block, new int[]{1});
        assertArrayEquals(new long[]{1, 1, 3}, ds.getFeatures().shape());
        assertArrayEquals(new float[]{5, 6, 7}, ds.getFeatures().data().asFloat());
        assertArrayEquals(new long[]{1, 1, 3}, ds.getLabels().shape());
        assertArrayEquals(new float[]{6, 7, 0}, ds.getLabels().data().asFloat());
    }

    @Test
    void oneHotEncodingPutsOneAtEachNextToken() {
        SequenceBlock block = new SequenceBlock(4, new int[]{1, 2, 3, 4, 5, 6, 7, 0});
        var ds = MinibatchEncoder.encodeOneHot(block, new int[]{1}, 8);
        assertArrayEquals(new float[]{5, 6, 7}, ds.getFeatures().data().asFloat());
        assertArrayEquals(new long[]{1, 8, 3}, ds.getLabels().shape());
        assertEquals(1f, ds.getLabels().getFloat(0, 6, 0));
        assertEquals(1f, ds.getLabels().getFloat(0, 7, 1));
        assertEquals(1f, ds.getLabels().getFloat(0, 0, 2));
        assertEquals(3.0, ds.getLabels().sumNumber().doubleValue());
    }
}

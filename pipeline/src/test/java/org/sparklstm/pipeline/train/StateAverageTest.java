package org.sparklstm.pipeline.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.sparklstm.models.train.FitStatistics;
import org.sparklstm.models.train.NetworkState;

class StateAverageTest {

    private static final int SIZE = 100_000;

    private static NetworkState state(long seed, int iterations) {
        Random random = new Random(seed);
        float[] parameters = new float[SIZE];
        float[] updater = new float[2 * SIZE];
        for (int i = 0; i < SIZE; i++) {
            parameters[i] = (float) random.nextGaussian();
            updater[i] = random.nextFloat();
            updater[SIZE + i] = random.nextFloat();
        }
        return new NetworkState(parameters, updater, iterations);
    }

    private static StateAverage of(NetworkState state) {
        return new StateAverage().add(state, new FitStatistics(10, 20.0, 1));
    }

    @Test
    void partitionsMergedInAnyOrderGiveTheMean() {
        NetworkState a = state(1, 7);
        NetworkState b = state(2, 9);
        NetworkState c = state(3, 8);
        NetworkState abc = of(a).merge(of(b)).merge(of(c)).mean(a, 1.0);
        NetworkState cba = of(c).merge(of(b).merge(of(a))).mean(a, 1.0);
        assertArrayEquals(abc.parameters(), cba.parameters());
        assertArrayEquals(abc.updaterState(), cba.updaterState());
        assertEquals(9, abc.iterations());
        for (int i = 0; i < SIZE; i += 997) {
            double mean = ((double) a.parameters()[i] + b.parameters()[i] + c.parameters()[i]) / 3;
            assertEquals((float) mean, abc.parameters()[i]);
        }
        // one worker's mean is its own state
        assertArrayEquals(a.parameters(), of(a).mean(a, 1.0).parameters());
        assertEquals(30, of(a).merge(of(b)).merge(of(c)).statistics().tokens());
    }

    @Test
    void aPartitionOfOneWorkerTravelsAsItsFloats() throws IOException {
        long floats = serializedSize(of(state(1, 1)));
        long sums = serializedSize(of(state(1, 1)).merge(of(state(2, 1))));
        // 3 x SIZE floats (12 bytes a value) against as many doubles (24)
        assertTrue(floats < 13L * SIZE, floats + " bytes");
        assertTrue(sums > 23L * SIZE, sums + " bytes");
    }

    private static long serializedSize(Object o) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        return bytes.size();
    }
}

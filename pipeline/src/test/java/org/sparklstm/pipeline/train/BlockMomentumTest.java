package org.sparklstm.pipeline.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;
import org.sparklstm.models.train.NetworkState;

/** The block-momentum arithmetic, by hand. */
class BlockMomentumTest {

    private static NetworkState params(float... values) {
        return new NetworkState(values, new float[]{7f}, 3);
    }

    @Test
    void withoutMomentumEveryRoundStartsFromTheModel() {
        BlockMomentum none = new BlockMomentum(0);
        NetworkState model = params(1f, 2f);
        none.advance(model, params(1.5f, 1f));
        assertSame(model, none.start(model));
        assertNull(none.delta());
    }

    @Test
    void theRunningChangeCarriesIntoTheNextStart() {
        BlockMomentum m = new BlockMomentum(0.5);
        NetworkState first = params(1f, 2f);
        assertSame(first, m.start(first));
        // round 1 moves 1 -> 1.5 and 2 -> 1: delta = (0.5, -1); the next start is the model plus half of it
        NetworkState second = params(1.5f, 1f);
        m.advance(first, second);
        assertArrayEquals(new float[]{0.5f, -1f}, m.delta());
        NetworkState start = m.start(second);
        assertArrayEquals(new float[]{1.75f, 0.5f}, start.parameters());
        assertArrayEquals(new float[]{7f}, start.updaterState());
        // round 2 moves that start 1.75 -> 2 and 0.5 -> 0.5: delta = 0.5 x (0.5, -1) + (0.25, 0) = (0.5, -0.5)
        m.advance(start, params(2f, 0.5f));
        assertArrayEquals(new float[]{0.5f, -0.5f}, m.delta());
    }
}

package org.sparklstm.pipeline.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sparklstm.pipeline.train.LearningRateSchedule.Kind;

/** Each schedule's rate, round by round, against values worked out by hand. */
class LearningRateScheduleTest {

    private static final List<Double> NONE = List.of();

    @Test
    void constantKeepsTheBaseRate() {
        LearningRateSchedule s = LearningRateSchedule.constant(0.002);
        assertEquals(0.002, s.rate(1, 0, 10, 3, NONE));
        assertEquals(0.002, s.rate(3, 9, 10, 3, List.of(1.0, 2.0)));
    }

    @Test
    void stepCutsByTheFactorEveryNEpochs() {
        LearningRateSchedule s = new LearningRateSchedule(Kind.STEP, 0.01, 2, 0.5, 1, 0);
        assertEquals(0.01, s.rate(1, 0, 4, 6, NONE));
        assertEquals(0.01, s.rate(2, 3, 4, 6, NONE));
        assertEquals(0.005, s.rate(3, 0, 4, 6, NONE));
        assertEquals(0.005, s.rate(4, 2, 4, 6, NONE));
        assertEquals(0.0025, s.rate(5, 0, 4, 6, NONE));
    }

    @Test
    void cosineFallsFromTheBaseToZeroOverTheRun() {
        // 2 epochs of 4 rounds: global round g of 8 -> 0.5 (1 + cos(pi g / 8))
        LearningRateSchedule s = new LearningRateSchedule(Kind.COSINE, 0.01, 1, 1, 1, 0);
        assertEquals(0.01, s.rate(1, 0, 4, 2, NONE), 1e-15);
        assertEquals(0.01 * 0.5 * (1 + Math.cos(Math.PI / 8)), s.rate(1, 1, 4, 2, NONE), 1e-15);
        assertEquals(0.005, s.rate(2, 0, 4, 2, NONE), 1e-15);
        assertEquals(0.01 * 0.5 * (1 + Math.cos(Math.PI * 7 / 8)), s.rate(2, 3, 4, 2, NONE), 1e-15);
    }

    @Test
    void plateauCutsAfterPatienceEpochsWithoutANewLow() {
        LearningRateSchedule s = new LearningRateSchedule(Kind.PLATEAU, 0.01, 1, 0.1, 2, 0);
        assertEquals(0.01, s.rate(2, 0, 4, 9, List.of(3.0)));
        // 3.0 best, 3.1 and 3.0 do not beat it: a cut after two epochs without a new low
        assertEquals(0.01, s.rate(3, 0, 4, 9, List.of(3.0, 3.1)));
        assertEquals(0.001, s.rate(4, 0, 4, 9, List.of(3.0, 3.1, 3.0)), 1e-18);
        // a new low restarts the count; two more stale epochs cut again
        assertEquals(0.001, s.rate(5, 0, 4, 9, List.of(3.0, 3.1, 3.0, 2.5)), 1e-18);
        assertEquals(0.0001, s.rate(7, 0, 4, 9, List.of(3.0, 3.1, 3.0, 2.5, 2.6, 2.7)), 1e-18);
        // epochs without validation do not count
        assertEquals(0.01, s.rate(4, 0, 4, 9, List.of(3.0, Double.NaN, Double.NaN)));
    }

    @Test
    void warmUpRisesLinearlyToTheScheduledRate() {
        LearningRateSchedule s = new LearningRateSchedule(Kind.STEP, 0.01, 1, 0.5, 1, 3);
        assertEquals(0.01 / 3, s.rate(1, 0, 2, 3, NONE), 1e-15);
        assertEquals(0.01 * 2 / 3, s.rate(1, 1, 2, 3, NONE), 1e-15);
        // round 3 of the run is in epoch 2, already cut by the step: (3/3) x 0.005
        assertEquals(0.005, s.rate(2, 0, 2, 3, NONE), 1e-15);
        assertEquals(0.005, s.rate(2, 1, 2, 3, NONE), 1e-15);
    }

    @Test
    void aFactorAboveOneIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new LearningRateSchedule(Kind.STEP, 0.01, 1, 2, 1, 0));
    }
}

package org.sparklstm.pipeline.series;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.sparklstm.models.forecast.ForecastSpec;
import org.sparklstm.models.forecast.Strategy;

/** The series a forecaster cannot use are named with the reason, and the others are not. */
class SeriesCoverageTest {

    private static final SplitSpec SPLIT = new SplitSpec(0.6, 0.15, "", "");

    /** The value at time t is t; the rows from {@code missingFrom} on are missing. */
    private static Series series(int length, int missingFrom) {
        double[] times = new double[length];
        String[] texts = new String[length];
        double[][] values = new double[length][];
        for (int t = 0; t < length; t++) {
            times[t] = t;
            texts[t] = Integer.toString(t);
            values[t] = new double[]{t >= missingFrom ? Double.NaN : t};
        }
        return new Series("s", times, texts, values, 0, 0);
    }

    private static ForecastSpec spec(int window, int horizon, Strategy strategy) {
        return new ForecastSpec(1, new int[]{0}, window, horizon, strategy, false, 1, 4, 0, 0.01, 1, 3);
    }

    @Test
    void aSeriesWithWindowsInEveryPartIsNotNamed() {
        assertEquals(Optional.empty(), SeriesCoverage.leftOut(series(40, 40), SPLIT, spec(5, 1, Strategy.RECURSIVE),
                true));
        assertEquals(Optional.empty(), SeriesCoverage.withoutForecast(series(40, 40), spec(5, 1, Strategy.RECURSIVE)));
    }

    @Test
    void aSeriesShorterThanOneWindowIsNamedWithWhatAWindowTakes() {
        assertEquals(Optional.of("too short: 7 rows, where a window takes 8 (series.window 5 + 3 target steps): "
                        + "left out of training and evaluation"),
                SeriesCoverage.leftOut(series(7, 7), SPLIT, spec(5, 3, Strategy.DIRECT), true));
        assertEquals(Optional.of("too short: 4 rows, where a window takes 5 (series.window 5): no forecast"),
                SeriesCoverage.withoutForecast(series(4, 4), spec(5, 3, Strategy.DIRECT)));
    }

    @Test
    void partsWithoutAWindowAreNamedWithTheReason() {
        // 40 rows: training 0-23, validation 24-29, test 30-39; every input window of the test part reaches row 26
        assertEquals(Optional.of("no test window: all 10 have a missing value"),
                SeriesCoverage.leftOut(series(40, 26), SPLIT, spec(5, 1, Strategy.RECURSIVE), true));
        // 12 rows: training 0-6 holds no window of 5 inputs and 3 targets, validation 7-8 no 3 steps; the test part,
        // 9-11, holds the 3 steps after the window that ends at row 8
        assertEquals(Optional.of("no training window: its training part (7 rows) is shorter than 3 target steps "
                        + "after a full window; no validation window: its validation part (2 rows) is shorter than 3 "
                        + "target steps after a full window"),
                SeriesCoverage.leftOut(series(12, 12), SPLIT, spec(5, 3, Strategy.DIRECT), true));
        assertEquals(Optional.of("its last 5 rows (series.window) have a missing value: no forecast"),
                SeriesCoverage.withoutForecast(series(40, 38), spec(5, 1, Strategy.RECURSIVE)));
    }
}

package org.sparklstm.models.forecast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;

/** Baselines, error measures, scaling, windows and forecasting strategies, each checked by hand. */
class ForecastPartsTest {

    private static final double[] SERIES = {10, 12, 11, 15, 14, 18, 17, 21};

    @Test
    void baselinesByHand() {
        assertEquals(15, Baselines.naive(SERIES, 3));
        // season 2 from origin 5: step 1 -> t=4 (14), step 2 -> t=5 (18), step 3 -> t=6 - 2 = 4 (14)
        assertEquals(14, Baselines.seasonalNaive(SERIES, 5, 1, 2));
        assertEquals(18, Baselines.seasonalNaive(SERIES, 5, 2, 2));
        assertEquals(14, Baselines.seasonalNaive(SERIES, 5, 3, 2));
        assertTrue(Double.isNaN(Baselines.seasonalNaive(SERIES, 0, 1, 4)));
        // |12-10| + |11-12| + |15-11| + |14-15| = 8 over 4 changes in [0, 5)
        assertEquals(2.0, Baselines.naiveInSampleMae(SERIES, 5), 1e-12);
        assertEquals(1.5, Baselines.naiveInSampleMae(new double[]{1, Double.NaN, 4, 5, 7}, 5), 1e-12);
    }

    @Test
    void errorMeasuresByHand() {
        ForecastErrors e = new ForecastErrors().add(12, 10).add(8, 10).add(0, 0).add(13, 10);
        assertEquals(4, e.count());
        assertEquals((2 + 2 + 0 + 3) / 4.0, e.mae(), 1e-12);
        assertEquals(Math.sqrt((4 + 4 + 0 + 9) / 4.0), e.rmse(), 1e-12);
        double smape = (200 * 2 / 22.0 + 200 * 2 / 18.0 + 0 + 200 * 3 / 23.0) / 4;
        assertEquals(smape, e.smape(), 1e-12);
        assertEquals(e.mae() / 2.0, e.mase(2.0), 1e-12);
        assertTrue(Double.isNaN(e.mase(0)));
        ForecastErrors merged = new ForecastErrors().add(12, 10).add(8, 10)
                .merge(new ForecastErrors().add(0, 0).add(13, 10));
        assertEquals(e.mae(), merged.mae(), 1e-12);
        assertEquals(e.rmse(), merged.rmse(), 1e-12);
    }

    @Test
    void scalingsAreFittedAsDefinedAndInvertExactly() {
        ColumnStatistics stats = new ColumnStatistics(2);
        stats.add(new double[]{1, 5}).add(new double[]{2, Double.NaN}).add(new double[]{3, 5});
        Scaling z = Scaling.fit(Scaling.ZSCORE, stats);
        assertEquals(2, z.shift()[0], 1e-12);
        assertEquals(Math.sqrt(2.0 / 3), z.scale()[0], 1e-12);
        assertEquals(5, z.shift()[1], 1e-12);
        assertEquals(1, z.scale()[1], "a constant column keeps scale 1");
        Scaling m = Scaling.fit(Scaling.MINMAX, stats);
        assertEquals(0.5, m.normalize(0, 2), 1e-12);
        for (double x : new double[]{-3.7, 0, 1e-3, 2.5, 1234.5678}) {
            assertEquals(x, z.invert(0, z.normalize(0, x)), 1e-12 * Math.max(1, Math.abs(x)));
            assertEquals(x, m.invert(0, m.normalize(0, x)), 1e-12 * Math.max(1, Math.abs(x)));
        }
        Normalizer global = Normalizer.fit(Scaling.ZSCORE, false, Map.of("a", stats,
                "b", new ColumnStatistics(2).add(new double[]{5, 5})));
        assertEquals(2.75, global.forSeries("anything").shift()[0], 1e-12);
        Normalizer perSeries = Normalizer.fit(Scaling.MINMAX, true, Map.of("a", stats));
        assertEquals(1, perSeries.forSeries("a").shift()[0]);
        assertThrows(IllegalArgumentException.class, () -> perSeries.forSeries("b"));
        Normalizer back = Normalizer.fromJson(perSeries.toJson());
        assertArrayEquals(perSeries.forSeries("a").scale(), back.forSeries("a").scale());
    }

    @Test
    void windowsHoldThePastAndTheNextTargets() {
        double[][] z = new double[8][];
        for (int t = 0; t < 8; t++) {
            z[t] = new double[]{t, 100 + t};
        }
        ForecastSpec direct = spec(Strategy.DIRECT, 2, new int[]{1}, false);
        float[] x = new float[2 * 3];
        float[] y = new float[2];
        assertTrue(SeriesWindows.inputs(z, 4, direct, x, 0));
        assertArrayEquals(new float[]{2, 3, 4, 102, 103, 104}, x);
        assertTrue(SeriesWindows.targets(z, 4, direct, y, 0));
        assertArrayEquals(new float[]{105, 106}, y);
        ForecastSpec relative = spec(Strategy.DIRECT, 2, new int[]{1}, true);
        assertTrue(SeriesWindows.inputs(z, 4, relative, x, 0));
        assertArrayEquals(new float[]{-2, -1, 0, -2, -1, 0}, x);
        assertTrue(SeriesWindows.targets(z, 4, relative, y, 0));
        assertArrayEquals(new float[]{1, 2}, y);
        z[3][0] = Double.NaN;
        assertFalse(SeriesWindows.inputs(z, 4, direct, x, 0));
    }

    @Test
    void recursiveForecastsFeedTheirOwnStepsBack() {
        for (boolean relative : new boolean[]{false, true}) {
            ForecastSpec spec = spec(Strategy.RECURSIVE, 3, new int[]{0, 1}, relative);
            MultiLayerNetwork net = ForecastNetworkFactory.create(spec);
            double[][] z = new double[10][];
            for (int t = 0; t < 10; t++) {
                z[t] = new double[]{Math.sin(t), Math.cos(0.5 * t)};
            }
            double[][] steps = Forecaster.forecast(net, spec, z, new int[]{6})[0];
            // the second step is the one-step forecast from a window that ends with the first step's forecast
            double[][] extended = java.util.Arrays.copyOf(z, 8);
            extended[7] = steps[0].clone();
            ForecastSpec oneStep = spec(Strategy.ONE_STEP, 1, new int[]{0, 1}, relative);
            double[] second = Forecaster.forecast(net, oneStep, extended, new int[]{7})[0][0];
            assertArrayEquals(second, steps[1], 1e-6);
            double[] third = Forecaster.forecast(net, spec, extended, new int[]{7})[0][1];
            assertArrayEquals(third, steps[2], 1e-5);
        }
    }

    @Test
    void directForecastsComeBackStepMajor() {
        ForecastSpec spec = spec(Strategy.DIRECT, 2, new int[]{0, 1}, false);
        MultiLayerNetwork net = ForecastNetworkFactory.create(spec);
        double[][] z = {{0.1, 0.2}, {0.3, 0.1}, {0.2, 0.4}, {0.5, 0.3}};
        double[][] f = Forecaster.forecast(net, spec, z, new int[]{2})[0];
        float[] raw = net.output(org.nd4j.linalg.factory.Nd4j.create(new float[]{0.1f, 0.3f, 0.2f, 0.2f, 0.1f, 0.4f},
                new long[]{1, 2, 3}, 'c')).dup('c').data().asFloat();
        assertEquals(raw[0], f[0][0], 1e-6);
        assertEquals(raw[1], f[0][1], 1e-6);
        assertEquals(raw[2], f[1][0], 1e-6);
        assertEquals(raw[3], f[1][1], 1e-6);
    }

    @Test
    void specsRefuseWhatCannotWork() {
        assertThrows(IllegalArgumentException.class, () -> spec(Strategy.ONE_STEP, 3, new int[]{0}, false));
        assertThrows(IllegalArgumentException.class, () -> spec(Strategy.RECURSIVE, 3, new int[]{1}, false));
        assertThrows(IllegalArgumentException.class, () -> spec(Strategy.DIRECT, 3, new int[]{2}, false));
    }

    private static ForecastSpec spec(Strategy strategy, int horizon, int[] targets, boolean relative) {
        return new ForecastSpec(2, targets, 3, horizon, strategy, relative, 1, 8, 0, 0.01, 1, 7);
    }
}

package org.sparklstm.models.forecast;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Forecasts {@code horizon} steps from many origins of one normalised series, in normalised units. */
public final class Forecaster {

    private static final int BATCH = 256;

    private Forecaster() {
    }

    /**
     * @param origins origins whose windows are complete (no missing inputs)
     * @return {@code [origin][step][target]}
     */
    public static double[][][] forecast(MultiLayerNetwork net, ForecastSpec spec, double[][] z, int[] origins) {
        double[][][] out = new double[origins.length][][];
        for (int from = 0; from < origins.length; from += BATCH) {
            int n = Math.min(BATCH, origins.length - from);
            float[] levels = new float[n * spec.inputs() * spec.window()];
            for (int i = 0; i < n; i++) {
                if (!SeriesWindows.levels(z, origins[from + i], spec, levels, i * spec.inputs() * spec.window())) {
                    throw new IllegalArgumentException("origin " + origins[from + i] + " has missing inputs");
                }
            }
            double[][][] batch = spec.strategy() == Strategy.RECURSIVE ? recursive(net, spec, levels, n)
                    : direct(net, spec, levels, n);
            System.arraycopy(batch, 0, out, from, n);
        }
        return out;
    }

    private static double[][][] direct(MultiLayerNetwork net, ForecastSpec spec, float[] levels, int n) {
        float[] y = output(net, spec, levels, n);
        int[] targets = spec.targets();
        int k = targets.length;
        double[][][] out = new double[n][spec.horizon()][k];
        for (int i = 0; i < n; i++) {
            for (int s = 0; s < spec.horizon(); s++) {
                for (int j = 0; j < k; j++) {
                    out[i][s][j] = y[i * spec.outputSize() + s * k + j] + base(spec, levels, i, targets[j]);
                }
            }
        }
        return out;
    }

    /** One step at a time; each step's forecast becomes the newest input of the next. */
    private static double[][][] recursive(MultiLayerNetwork net, ForecastSpec spec, float[] levels, int n) {
        int w = spec.window();
        int c = spec.inputs();
        double[][][] out = new double[n][spec.horizon()][c];
        for (int s = 0; s < spec.horizon(); s++) {
            float[] y = output(net, spec, levels, n);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < c; j++) {
                    float level = (float) (y[i * c + j] + base(spec, levels, i, j));
                    out[i][s][j] = level;
                    int row = (i * c + j) * w;
                    System.arraycopy(levels, row + 1, levels, row, w - 1);
                    levels[row + w - 1] = level;
                }
            }
        }
        return out;
    }

    /** What a relative model's outputs are relative to: the window's last value of the column; else 0. */
    private static double base(ForecastSpec spec, float[] levels, int window, int column) {
        return spec.relative() ? levels[(window * spec.inputs() + column) * spec.window() + spec.window() - 1] : 0;
    }

    /** The network's outputs for windows given as levels. */
    private static float[] output(MultiLayerNetwork net, ForecastSpec spec, float[] levels, int n) {
        float[] x = levels;
        if (spec.relative()) {
            x = levels.clone();
            for (int i = 0; i < n; i++) {
                SeriesWindows.relativize(x, i * spec.inputs() * spec.window(), spec);
            }
        }
        INDArray features = Nd4j.create(x, new long[]{n, spec.inputs(), spec.window()}, 'c');
        return net.output(features, false).dup('c').data().asFloat();
    }
}

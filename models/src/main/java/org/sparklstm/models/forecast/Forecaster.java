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
            float[] x = new float[n * spec.inputs() * spec.window()];
            for (int i = 0; i < n; i++) {
                if (!SeriesWindows.inputs(z, origins[from + i], spec, x, i * spec.inputs() * spec.window())) {
                    throw new IllegalArgumentException("origin " + origins[from + i] + " has missing inputs");
                }
            }
            double[][][] batch = spec.strategy() == Strategy.RECURSIVE ? recursive(net, spec, x, n) : direct(net, spec, x, n);
            System.arraycopy(batch, 0, out, from, n);
        }
        return out;
    }

    private static double[][][] direct(MultiLayerNetwork net, ForecastSpec spec, float[] x, int n) {
        float[] y = output(net, spec, x, n);
        int k = spec.targets().length;
        double[][][] out = new double[n][spec.horizon()][k];
        for (int i = 0; i < n; i++) {
            for (int s = 0; s < spec.horizon(); s++) {
                for (int j = 0; j < k; j++) {
                    out[i][s][j] = y[i * spec.outputSize() + s * k + j];
                }
            }
        }
        return out;
    }

    /** One step at a time; each step's forecast becomes the newest input of the next. */
    private static double[][][] recursive(MultiLayerNetwork net, ForecastSpec spec, float[] x, int n) {
        int w = spec.window();
        int c = spec.inputs();
        double[][][] out = new double[n][spec.horizon()][c];
        for (int s = 0; s < spec.horizon(); s++) {
            float[] y = output(net, spec, x, n);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < c; j++) {
                    out[i][s][j] = y[i * c + j];
                    int row = (i * c + j) * w;
                    System.arraycopy(x, row + 1, x, row, w - 1);
                    x[row + w - 1] = y[i * c + j];
                }
            }
        }
        return out;
    }

    private static float[] output(MultiLayerNetwork net, ForecastSpec spec, float[] x, int n) {
        INDArray features = Nd4j.create(x, new long[]{n, spec.inputs(), spec.window()}, 'c');
        return net.output(features, false).dup('c').data().asFloat();
    }
}

package org.sparklstm.models.forecast;

/**
 * Cuts windows from one normalised series {@code z[time][column]} (NaN = missing). The window of
 * origin {@code o} holds the inputs of times {@code o-window+1 .. o} and the targets of times
 * {@code o+1 .. o+trainedSteps}.
 */
public final class SeriesWindows {

    private SeriesWindows() {
    }

    /** The first origin with a full window of history. */
    public static int firstOrigin(ForecastSpec spec) {
        return spec.window() - 1;
    }

    /**
     * Writes the window of {@code origin} as NCW features {@code [inputs][window]} into {@code x} at
     * {@code xOffset}, relative to its last value if the spec says so; returns false (leaving {@code x}
     * partly written) if any input is missing.
     */
    public static boolean inputs(double[][] z, int origin, ForecastSpec spec, float[] x, int xOffset) {
        if (!levels(z, origin, spec, x, xOffset)) {
            return false;
        }
        if (spec.relative()) {
            relativize(x, xOffset, spec);
        }
        return true;
    }

    /** Subtracts each column's last value from the column's window. */
    static void relativize(float[] x, int xOffset, ForecastSpec spec) {
        int w = spec.window();
        for (int c = 0; c < spec.inputs(); c++) {
            int row = xOffset + c * w;
            float last = x[row + w - 1];
            for (int t = 0; t < w; t++) {
                x[row + t] -= last;
            }
        }
    }

    /** The window of {@code origin} as levels (never relative); false if any input is missing. */
    static boolean levels(double[][] z, int origin, ForecastSpec spec, float[] x, int xOffset) {
        int w = spec.window();
        int start = origin - w + 1;
        for (int c = 0; c < spec.inputs(); c++) {
            for (int t = 0; t < w; t++) {
                double v = z[start + t][c];
                if (Double.isNaN(v)) {
                    return false;
                }
                x[xOffset + c * w + t] = (float) v;
            }
        }
        return true;
    }

    /** Writes the training targets of {@code origin}, step-major (relative if the spec says so); false if any is missing. */
    public static boolean targets(double[][] z, int origin, ForecastSpec spec, float[] y, int yOffset) {
        int[] targets = spec.targets();
        for (int s = 0; s < spec.trainedSteps(); s++) {
            for (int k = 0; k < targets.length; k++) {
                double v = z[origin + 1 + s][targets[k]] - (spec.relative() ? z[origin][targets[k]] : 0);
                if (Double.isNaN(v)) {
                    return false;
                }
                y[yOffset + s * targets.length + k] = (float) v;
            }
        }
        return true;
    }
}

package org.sparklstm.models.forecast;

import java.io.Serializable;

/** Per-column affine map to the network's units: {@code (x - shift) / scale}, inverted exactly. */
public record Scaling(double[] shift, double[] scale) implements Serializable {

    public static final String ZSCORE = "zscore";
    public static final String MINMAX = "minmax";
    public static final String NONE = "none";

    /** Fitted on training values: z-score (mean, deviation), min-max (min, range) or identity. */
    public static Scaling fit(String method, ColumnStatistics stats) {
        int n = stats.columns();
        double[] shift = new double[n];
        double[] scale = new double[n];
        for (int c = 0; c < n; c++) {
            if (stats.count(c) == 0) {
                throw new IllegalArgumentException("column " + c + " has no training values to fit " + method);
            }
            switch (method) {
                case ZSCORE -> {
                    shift[c] = stats.mean(c);
                    scale[c] = stats.deviation(c);
                }
                case MINMAX -> {
                    shift[c] = stats.min(c);
                    scale[c] = stats.max(c) - stats.min(c);
                }
                case NONE -> scale[c] = 1;
                default -> throw new IllegalArgumentException("unknown normalisation '" + method + "'");
            }
            // a constant training column: keep values apart from one another rather than divide by zero
            if (scale[c] == 0) {
                scale[c] = 1;
            }
        }
        return new Scaling(shift, scale);
    }

    public double normalize(int column, double x) {
        return (x - shift[column]) / scale[column];
    }

    public double invert(int column, double z) {
        return z * scale[column] + shift[column];
    }
}

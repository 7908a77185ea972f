package org.sparklstm.pipeline.series;

import java.io.Serializable;

/**
 * One series in time order: {@code values[t][column]} in original units, NaN where a value is
 * missing (after the missing-value policy), with the counts that policy saw.
 */
public record Series(String id, double[] times, String[] timeTexts, double[][] values, int missingValues,
                     int filledValues) implements Serializable {

    public int length() {
        return times.length;
    }

    /** One column over time. */
    public double[] column(int c) {
        double[] out = new double[values.length];
        for (int t = 0; t < values.length; t++) {
            out[t] = values[t][c];
        }
        return out;
    }
}

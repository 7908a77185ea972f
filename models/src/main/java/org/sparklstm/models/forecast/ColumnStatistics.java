package org.sparklstm.models.forecast;

import java.io.Serializable;

/** Count, mean, spread and range of each column over the observed (non-missing) values; mergeable. */
public final class ColumnStatistics implements Serializable {

    private final long[] count;
    private final double[] sum;
    private final double[] sumOfSquares;
    private final double[] min;
    private final double[] max;

    public ColumnStatistics(int columns) {
        count = new long[columns];
        sum = new double[columns];
        sumOfSquares = new double[columns];
        min = new double[columns];
        max = new double[columns];
        java.util.Arrays.fill(min, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(max, Double.NEGATIVE_INFINITY);
    }

    /** Adds one row; NaN (missing) values are skipped. */
    public ColumnStatistics add(double[] row) {
        for (int c = 0; c < row.length; c++) {
            double v = row[c];
            if (!Double.isNaN(v)) {
                count[c]++;
                sum[c] += v;
                sumOfSquares[c] += v * v;
                min[c] = Math.min(min[c], v);
                max[c] = Math.max(max[c], v);
            }
        }
        return this;
    }

    public ColumnStatistics merge(ColumnStatistics o) {
        for (int c = 0; c < count.length; c++) {
            count[c] += o.count[c];
            sum[c] += o.sum[c];
            sumOfSquares[c] += o.sumOfSquares[c];
            min[c] = Math.min(min[c], o.min[c]);
            max[c] = Math.max(max[c], o.max[c]);
        }
        return this;
    }

    public int columns() {
        return count.length;
    }

    public long count(int c) {
        return count[c];
    }

    public double mean(int c) {
        return sum[c] / count[c];
    }

    /** Population standard deviation. */
    public double deviation(int c) {
        double m = mean(c);
        return Math.sqrt(Math.max(0, sumOfSquares[c] / count[c] - m * m));
    }

    public double min(int c) {
        return min[c];
    }

    public double max(int c) {
        return max[c];
    }
}

package org.sparklstm.models.forecast;

/** The forecasts a model must beat, in original units: the last value, and the value one season back. */
public final class Baselines {

    private Baselines() {
    }

    /** Naive: every step ahead repeats the value at the origin. */
    public static double naive(double[] series, int origin) {
        return series[origin];
    }

    /**
     * Seasonal naive: the value of the same season in the last observed cycle,
     * {@code y[o + s - m * ceil(s / m)]}; NaN where the series is not that long.
     */
    public static double seasonalNaive(double[] series, int origin, int step, int season) {
        int back = season * ((step + season - 1) / season);
        int t = origin + step - back;
        return t >= 0 ? series[t] : Double.NaN;
    }

    /** Mean absolute one-step change over {@code [0, end)}: the scale of MASE. NaN values are skipped. */
    public static double naiveInSampleMae(double[] series, int end) {
        double sum = 0;
        long n = 0;
        for (int t = 1; t < end; t++) {
            double d = series[t] - series[t - 1];
            if (!Double.isNaN(d)) {
                sum += Math.abs(d);
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }
}

package org.sparklstm.models.forecast;

import java.io.Serializable;

/** Running error sums of one method at one horizon step; mergeable across series and partitions. */
public final class ForecastErrors implements Serializable {

    private long count;
    private double absolute;
    private double squared;
    private double symmetricPercent;

    public ForecastErrors add(double forecast, double actual) {
        double error = forecast - actual;
        count++;
        absolute += Math.abs(error);
        squared += error * error;
        double denominator = Math.abs(actual) + Math.abs(forecast);
        symmetricPercent += denominator == 0 ? 0 : 200 * Math.abs(error) / denominator;
        return this;
    }

    public ForecastErrors merge(ForecastErrors o) {
        count += o.count;
        absolute += o.absolute;
        squared += o.squared;
        symmetricPercent += o.symmetricPercent;
        return this;
    }

    public long count() {
        return count;
    }

    public double mae() {
        return absolute / count;
    }

    public double rmse() {
        return Math.sqrt(squared / count);
    }

    /** Symmetric mean absolute percentage error, in percent (0 to 200). */
    public double smape() {
        return symmetricPercent / count;
    }

    /** MAE over the in-sample one-step naive MAE of the same series (NaN if that is 0 or unknown). */
    public double mase(double naiveInSampleMae) {
        return naiveInSampleMae > 0 ? mae() / naiveInSampleMae : Double.NaN;
    }
}

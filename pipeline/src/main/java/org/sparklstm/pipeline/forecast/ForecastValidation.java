package org.sparklstm.pipeline.forecast;

import org.sparklstm.pipeline.train.EpochValidation;

/** A forecaster's validation after an epoch: the model's errors over the validation windows (no loss). */
public record ForecastValidation(double mae, double rmse, long windows) implements EpochValidation {

    @Override
    public double loss() {
        return Double.NaN;
    }
}

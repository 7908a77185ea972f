package org.sparklstm.pipeline.forecast;

import org.sparklstm.pipeline.train.EpochValidation;

/** A forecaster's validation after an epoch: the model's errors over the validation windows. */
public record ForecastValidation(double mae, double rmse, long windows) implements EpochValidation {

    /** The validation MAE (original units) is what a forecaster keeps its best epoch by. */
    @Override
    public double loss() {
        return mae;
    }
}

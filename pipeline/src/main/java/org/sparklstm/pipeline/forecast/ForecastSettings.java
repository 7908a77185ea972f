package org.sparklstm.pipeline.forecast;

import org.sparklstm.models.forecast.Strategy;
import org.sparklstm.pipeline.series.SeriesIngest;
import org.sparklstm.pipeline.series.SplitSpec;

/**
 * The forecasting task's own settings ({@code series.*}): how series are read, the window the network sees,
 * what it forecasts and how far, the scaling, the seasonal baseline's period and the split in time.
 *
 * @param relative  windows and targets relative to the window's last value
 * @param perSeries one scaling per series, else one global scaling
 */
public record ForecastSettings(SeriesIngest.Settings ingest, int window, int horizon, Strategy strategy,
                               boolean relative, Normalization normalization, boolean perSeries, int season,
                               SplitSpec split) {

    /** True where a validation part is scored after every epoch. */
    public boolean validating() {
        return split.byTime() ? !split.validationFrom().isEmpty() : split.validation() > 0;
    }
}

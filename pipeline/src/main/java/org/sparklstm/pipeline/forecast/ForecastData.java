package org.sparklstm.pipeline.forecast;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;
import org.sparklstm.models.forecast.ForecastSpec;
import org.sparklstm.models.forecast.Normalizer;
import org.sparklstm.pipeline.series.Series;
import org.sparklstm.pipeline.series.SeriesIngest;
import org.sparklstm.pipeline.series.SeriesWindowing;

/**
 * Series made ready for a forecaster: the ingested series, how many of them give no window in some part of the
 * split (each a quarantine row), their missing and filled values, the
 * normaliser fitted on the training parts, the network's spec and the training windows dealt to workers.
 */
record ForecastData(SeriesIngest.Result input, long seriesLeftOut, long missing, long filled, Normalizer normalizer,
                    Broadcast<Normalizer> sharedNormalizer, ForecastSpec spec, SeriesWindowing.Counted train) {

    JavaRDD<Series> series() {
        return input.series();
    }
}

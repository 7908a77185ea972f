package org.sparklstm.ml;

import static org.apache.spark.sql.functions.col;

import java.util.Arrays;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.sparklstm.pipeline.forecast.ForecastsRow;

/**
 * The columns of a forecaster's outputs, named and typed as in the command line's {@code forecasts} table: the
 * series, the target column, the origin (the last time the forecast saw), the target time (null past the end of the
 * data, whose times are unknown), the step ahead, the forecast and, in a backtest, the actual value.
 */
enum ForecastColumns {
    /** {@code transform}: forecasts past the end of each series. */
    FUTURE("series_id", "target", "origin_time", "target_time", "horizon_step", "forecast"),
    /** {@code backtest}: rolling-origin forecasts of the test part beside its actual values. */
    BACKTEST("series_id", "target", "origin_time", "target_time", "horizon_step", "forecast", "actual");

    private final String[] names;

    ForecastColumns(String... names) {
        this.names = names;
    }

    StructType schema() {
        StructType table = ForecastsRow.TABLE.schema();
        return DataTypes.createStructType(Arrays.stream(names).map(table::apply).toArray(StructField[]::new));
    }

    /** These columns of a {@code forecasts} table. */
    Dataset<Row> of(Dataset<Row> forecasts) {
        return forecasts.select(Arrays.stream(names).map(n -> col(n)).toArray(Column[]::new));
    }
}

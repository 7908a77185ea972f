package org.sparklstm.ml;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.sparklstm.models.forecast.SeriesColumns;
import org.sparklstm.pipeline.series.SeriesIngest;

/**
 * A DataFrame's series as the forecasting flow reads them: a long-format panel, each cell read as the command line
 * reads a Parquet cell (as text), rows numbered from 1 in the DataFrame's order, so that a problem names its row
 * and column. What happens to a bad row or a missing value is the reading settings' ({@code handleInvalid},
 * {@code missing}): an error names the first, skip leaves bad rows out and counts them.
 */
final class SeriesFrame {

    /** How a DataFrame is named in errors and quarantine rows. */
    static final String SOURCE = "DataFrame";

    private SeriesFrame() {
    }

    /** Refuses a schema without the columns, or with a column of a type the series readers cannot parse. */
    static void check(StructType schema, SeriesColumns columns) {
        if (columns.panel()) {
            Columns.requireStringOrNumeric(schema, columns.seriesId(), "idCol");
        }
        StructField time = Columns.field(schema, columns.time(), "timeCol");
        if (!isTime(time.dataType())) {
            throw new IllegalArgumentException("timeCol: column '" + columns.time() + "' must be a timestamp, date, "
                    + "numeric or string (a number or ISO date/time) column but was "
                    + time.dataType().catalogString());
        }
        for (String value : columns.values()) {
            StructField field = Columns.field(schema, value, "valueCols");
            if (!(field.dataType() instanceof NumericType)) {
                throw new IllegalArgumentException("valueCols: column '" + value + "' must be numeric but was "
                        + field.dataType().catalogString());
            }
        }
    }

    private static boolean isTime(DataType type) {
        return type instanceof NumericType || type.equals(DataTypes.StringType) || type.equals(DataTypes.DateType)
                || type.equals(DataTypes.TimestampType) || type.equals(DataTypes.TimestampNTZType);
    }

    static SeriesIngest.Result read(Dataset<?> frame, SeriesIngest.Settings settings, int partitions) {
        check(frame.schema(), settings.columns());
        return SeriesIngest.read(frame, SOURCE, settings, partitions);
    }
}

package org.sparklstm.ml;

import java.util.Arrays;
import org.sparklstm.models.forecast.SeriesColumns;
import org.sparklstm.pipeline.series.MissingValues;
import org.sparklstm.pipeline.series.SeriesFormat;
import org.sparklstm.pipeline.series.SeriesIngest;
import org.sparklstm.pipeline.series.SplitSpec;
import org.sparklstm.pipeline.series.TimeParser;

/**
 * The forecasting params that the estimator and its model share: how a DataFrame's series are read
 * ({@code series.missing}, {@code series.on-error}) and cut in time ({@code series.split.*}), checked as the command
 * line checks those keys.
 */
final class SeriesParams {

    /** What {@code handleInvalid} takes: error stops at a bad row; skip quarantines it. */
    static final String[] HANDLE_INVALID = {HandleInvalid.ERROR.paramValue(), HandleInvalid.SKIP.paramValue()};

    private SeriesParams() {
    }

    static String[] missingValues() {
        return Arrays.stream(MissingValues.values()).map(MissingValues::configName).toArray(String[]::new);
    }

    static SeriesIngest.Settings ingest(SeriesColumns columns, String missing, String handleInvalid) {
        MissingValues policy = Arrays.stream(MissingValues.values()).filter(m -> m.configName().equals(missing))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("missing: '" + missing + "'"));
        // the format is the files'; a DataFrame is read alike whatever it says
        return new SeriesIngest.Settings(columns, SeriesFormat.AUTO, policy,
                HandleInvalid.of(handleInvalid) == HandleInvalid.SKIP);
    }

    static SplitSpec split(double train, double validation, String validationFrom, String testFrom) {
        if (train + validation >= 1) {
            throw new IllegalArgumentException("splitValidation: " + validation + " must leave some test data "
                    + "(splitTrain + splitValidation < 1; splitTrain is " + train + ")");
        }
        for (String time : new String[]{validationFrom, testFrom}) {
            if (!time.isBlank() && Double.isNaN(TimeParser.parse(time))) {
                throw new IllegalArgumentException((time.equals(testFrom) ? "splitTestFrom" : "splitValidationFrom")
                        + ": '" + time + "' is no time like the time column's: a number or an ISO date/time");
            }
        }
        if (!validationFrom.isBlank() && testFrom.isBlank()) {
            throw new IllegalArgumentException("splitTestFrom: must be set when splitValidationFrom is");
        }
        return new SplitSpec(train, validation, validationFrom.trim(), testFrom.trim());
    }
}

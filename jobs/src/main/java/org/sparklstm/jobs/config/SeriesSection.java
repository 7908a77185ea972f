package org.sparklstm.jobs.config;

import java.util.HashSet;
import java.util.List;
import org.sparklstm.models.forecast.SeriesColumns;
import org.sparklstm.models.forecast.Strategy;
import org.sparklstm.pipeline.forecast.ForecastSettings;
import org.sparklstm.pipeline.forecast.Normalization;
import org.sparklstm.pipeline.series.MissingValues;
import org.sparklstm.pipeline.series.SeriesFormat;
import org.sparklstm.pipeline.series.SeriesIngest;
import org.sparklstm.pipeline.series.SplitSpec;
import org.sparklstm.pipeline.series.TimeParser;

/** {@code series.*}: the forecaster's columns, reading, windows, targets, scaling and split in time. */
final class SeriesSection {

    private SeriesSection() {
    }

    static ForecastSettings read(ConfigValues v) {
        List<String> values = v.stringList("series.value-columns");
        if (values.isEmpty() || values.stream().anyMatch(String::isBlank) || new HashSet<>(values).size() != values.size()) {
            throw ConfigException.of("series.value-columns", values, "a non-empty list of distinct column names");
        }
        List<String> targets = v.stringList("series.target-columns");
        if (targets.isEmpty()) {
            targets = values;
        }
        if (!values.containsAll(targets)) {
            throw ConfigException.of("series.target-columns", targets, "columns among series.value-columns " + values);
        }
        SeriesColumns columns = new SeriesColumns(v.nonBlank("series.time-column"), values, targets,
                v.string("series.id-column").trim());
        MissingValues missing = v.oneOf("series.missing", MissingValues.values(), MissingValues::configName);
        boolean quarantine = v.oneOf("series.on-error", List.of("fail", "quarantine")).equals("quarantine");
        SeriesIngest.Settings ingest = new SeriesIngest.Settings(columns,
                v.oneOf("series.format", SeriesFormat.values(), SeriesFormat::configName), missing, quarantine,
                InputSection.reading(v).encoding());
        int horizon = v.atLeast("series.horizon", 1);
        Strategy strategy = Strategy.of(v.oneOf("series.strategy", List.of("one-step", "direct", "recursive")));
        if (strategy == Strategy.ONE_STEP && horizon != 1) {
            throw ConfigException.of("series.horizon", horizon, "1 for series.strategy = one-step (use direct or "
                    + "recursive)");
        }
        if (strategy == Strategy.RECURSIVE && !targets.equals(values)) {
            throw ConfigException.of("series.target-columns", targets, "the value columns " + values
                    + " for series.strategy = recursive (forecasts are fed back as inputs)");
        }
        return new ForecastSettings(ingest, v.atLeast("series.window", 1), horizon, strategy,
                v.bool("series.relative-to-last"),
                v.oneOf("series.normalization", Normalization.values(), Normalization::configName),
                v.oneOf("series.normalization-scope", List.of("series", "global")).equals("series"),
                v.atLeast("series.season", 1), split(v));
    }

    private static SplitSpec split(ConfigValues v) {
        double train = v.number("series.split.train");
        double validation = v.number("series.split.validation");
        if (train <= 0 || train >= 1) {
            throw ConfigException.of("series.split.train", train, "a fraction between 0 and 1 (exclusive)");
        }
        if (validation < 0 || train + validation >= 1) {
            throw ConfigException.of("series.split.validation", validation, "a fraction >= 0 leaving some test data ("
                    + "series.split.train + series.split.validation < 1)");
        }
        String validationFrom = v.string("series.split.validation-from").trim();
        String testFrom = v.string("series.split.test-from").trim();
        for (String key : List.of("series.split.validation-from", "series.split.test-from")) {
            String time = v.string(key).trim();
            if (!time.isEmpty() && Double.isNaN(TimeParser.parse(time))) {
                throw ConfigException.of(key, time, "a time like the time column's: a number or an ISO date/time");
            }
        }
        if (!validationFrom.isEmpty() && testFrom.isEmpty()) {
            throw ConfigException.of("series.split.test-from", testFrom, "a time when series.split.validation-from "
                    + "is set");
        }
        return new SplitSpec(train, validation, validationFrom, testFrom);
    }
}

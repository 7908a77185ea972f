package org.sparklstm.ml;

import static org.sparklstm.ml.Declare.atLeast;
import static org.sparklstm.ml.Declare.flag;
import static org.sparklstm.ml.Declare.number;
import static org.sparklstm.ml.Declare.oneOf;
import static org.sparklstm.ml.Declare.string;
import static org.sparklstm.ml.Declare.strings;

import com.google.gson.Gson;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.param.StringArrayParam;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.types.StructType;
import org.sparklstm.models.forecast.ForecastBundle;
import org.sparklstm.models.forecast.SeriesColumns;
import org.sparklstm.models.forecast.Strategy;
import org.sparklstm.models.lm.SoftmaxSpec;
import org.sparklstm.pipeline.forecast.ForecastFlow;
import org.sparklstm.pipeline.forecast.ForecastSettings;
import org.sparklstm.pipeline.forecast.Normalization;
import org.sparklstm.pipeline.series.MissingValues;
import org.sparklstm.pipeline.series.SeriesIngest;

/**
 * An LSTM time-series forecaster as a Spark ML {@link org.apache.spark.ml.Estimator}: {@code fit} runs the command
 * line's forecasting flow (the same split in time, scaling, windows, trainer, validation, evaluation against the
 * naive baselines and checkpoints) on a long-format panel DataFrame (a series id, a time and value columns) and
 * gives an {@link LstmForecastModel}. Its params are the {@code series.*} keys, camelCased, with their defaults.
 */
public final class LstmForecaster extends LstmEstimator<LstmForecaster, LstmForecastModel> {

    private final Param<String> idCol = string(this, "idCol", "the series id column of a panel (string or "
            + "numeric); \"\" = the DataFrame is one series", "");
    private final Param<String> timeCol = string(this, "timeCol", "the time column: timestamps, dates, numbers "
            + "(e.g. decimal years) or strings holding numbers or ISO dates/date-times; increasing within a series",
            "time");
    private final StringArrayParam valueCols = strings(this, "valueCols", "the numeric columns the network reads",
            "value");
    private final StringArrayParam targetCols = strings(this, "targetCols", "the columns it forecasts, among "
            + "valueCols; empty = all of them");
    private final Param<String> missing = oneOf(this, "missing", "a null or NaN value: fail names its row and "
            + "column; drop-window leaves out the windows that touch it; forward-fill takes the value before it",
            MissingValues.FAIL.configName(), SeriesParams.missingValues());
    private final Param<String> handleInvalid = oneOf(this, "handleInvalid", "a bad row (no id or time, an "
            + "unreadable time, a repeated time in its series): error names it; skip leaves it out and records it "
            + "in the run's quarantine table", HandleInvalid.ERROR.paramValue(), SeriesParams.HANDLE_INVALID);
    private final IntParam window = atLeast(this, "window", "past steps the network sees", 1, 60);
    private final IntParam horizon = atLeast(this, "horizon", "steps ahead forecast", 1, 1);
    private final Param<String> strategy = oneOf(this, "strategy", "one-step: horizon 1; direct: all steps at "
            + "once; recursive: forecasts fed back as inputs", Strategy.ONE_STEP.key(),
            Arrays.stream(Strategy.values()).map(Strategy::key).toArray(String[]::new));
    private final BooleanParam relativeToLast = flag(this, "relativeToLast", "windows and targets relative to the "
            + "window's last value (learns changes, for trends that leave the training range)", false);
    private final Param<String> normalization = oneOf(this, "normalization", "the scaling fitted on the training "
            + "part", Normalization.ZSCORE.configName(),
            Arrays.stream(Normalization.values()).map(Normalization::configName).toArray(String[]::new));
    private final Param<String> normalizationScope = oneOf(this, "normalizationScope", "series: one scaling per "
            + "series; global: one for all", "series", "series", "global");
    private final IntParam season = atLeast(this, "season", "period of the seasonal-naive baseline, in steps", 1, 12);
    private final DoubleParam splitTrain = number(this, "splitTrain", "fraction of each series' length, in time "
            + "order, that trains, in (0, 1); the rest validates and tests", ParamValidators.inRange(0, 1, false,
            false), 0.8);
    private final DoubleParam splitValidation = number(this, "splitValidation", "fraction after the training part "
            + "scored after every epoch, in [0, 1)", ParamValidators.inRange(0, 1, true, false), 0.0);
    private final Param<String> splitValidationFrom = string(this, "splitValidationFrom", "or cut by time: the "
            + "first time of validation (\"\" = none) ...", "");
    private final Param<String> splitTestFrom = string(this, "splitTestFrom", "... and of test; when set, the "
            + "fractions are not used", "");
    private final BooleanParam bidirectional = flag(this, "bidirectional", "read each window both ways (outputs "
            + "concatenated)", false);

    public LstmForecaster() {
        this(Identifiable.randomUID("lstmForecaster"));
    }

    public LstmForecaster(String uid) {
        super(uid);
    }

    @Override
    public StructType transformSchema(StructType schema) {
        SeriesFrame.check(schema, forecastSettings().ingest().columns());
        return ForecastColumns.FUTURE.schema();
    }

    @Override
    public LstmForecastModel fit(Dataset<?> dataset) {
        transformSchema(dataset.schema());
        ForecastSettings task = forecastSettings();
        ForecastFlow flow = new ForecastFlow(commonSettings(SeriesFrame.SOURCE, SoftmaxSpec.FULL, false,
                value(bidirectional), 0, false), task, System.out);
        SeriesIngest.Result input = SeriesFrame.read(dataset, task.ingest(),
                flow.partitions(JavaSparkContext.fromSparkContext(dataset.sparkSession().sparkContext())));
        try {
            ForecastBundle bundle = FitRun.train(dataset.sparkSession(), getCheckpointDir(),
                    new Gson().toJson(paramValues()), run -> flow.trainOnSeries(run, input), ForecastBundle::load);
            return copyValues(new LstmForecastModel(uid(), bundle), ParamMap.empty()).setParent(this);
        } finally {
            input.series().unpersist(false);
        }
    }

    /** The task's settings, refusing the combinations the command line refuses. */
    ForecastSettings forecastSettings() {
        List<String> values = List.of(getValueCols());
        if (values.isEmpty() || values.stream().anyMatch(String::isBlank) || new HashSet<>(values).size()
                != values.size()) {
            throw new IllegalArgumentException("valueCols: " + values + " must be a non-empty list of distinct "
                    + "column names");
        }
        List<String> targets = getTargetCols().length == 0 ? values : List.of(getTargetCols());
        if (!values.containsAll(targets)) {
            throw new IllegalArgumentException("targetCols: " + targets + " must be among valueCols " + values);
        }
        Strategy chosen = Strategy.of(value(strategy));
        if (chosen == Strategy.ONE_STEP && getHorizon() != 1) {
            throw new IllegalArgumentException("horizon: " + getHorizon() + " needs strategy direct or recursive "
                    + "(one-step forecasts horizon 1)");
        }
        if (chosen == Strategy.RECURSIVE && !targets.equals(values)) {
            throw new IllegalArgumentException("targetCols: " + targets + " must be the value columns " + values
                    + " for strategy recursive (forecasts are fed back as inputs)");
        }
        SeriesColumns columns = new SeriesColumns(getTimeCol(), values, targets, getIdCol().trim());
        return new ForecastSettings(SeriesParams.ingest(columns, value(missing), value(handleInvalid)), getWindow(),
                getHorizon(), chosen, value(relativeToLast), Arrays.stream(Normalization.values())
                .filter(n -> n.configName().equals(value(normalization))).findFirst().orElseThrow(),
                value(normalizationScope).equals("series"), value(season), SeriesParams.split(value(splitTrain),
                value(splitValidation), value(splitValidationFrom), value(splitTestFrom)));
    }

    @Override
    public LstmForecaster copy(ParamMap extra) {
        return defaultCopy(extra);
    }

    public static MLReader<LstmForecaster> read() {
        return new DefaultParamsReader<>();
    }

    public static LstmForecaster load(String path) {
        return read().load(path);
    }

    public Param<String> idCol() {
        return idCol;
    }

    public String getIdCol() {
        return value(idCol);
    }

    public LstmForecaster setIdCol(String value) {
        return with(idCol, value);
    }

    public Param<String> timeCol() {
        return timeCol;
    }

    public String getTimeCol() {
        return value(timeCol);
    }

    public LstmForecaster setTimeCol(String value) {
        return with(timeCol, value);
    }

    public StringArrayParam valueCols() {
        return valueCols;
    }

    public String[] getValueCols() {
        return value(valueCols);
    }

    public LstmForecaster setValueCols(String... value) {
        return with(valueCols, value);
    }

    public StringArrayParam targetCols() {
        return targetCols;
    }

    public String[] getTargetCols() {
        return value(targetCols);
    }

    public LstmForecaster setTargetCols(String... value) {
        return with(targetCols, value);
    }

    public Param<String> missing() {
        return missing;
    }

    public String getMissing() {
        return value(missing);
    }

    public LstmForecaster setMissing(String value) {
        return with(missing, value);
    }

    public Param<String> handleInvalid() {
        return handleInvalid;
    }

    public String getHandleInvalid() {
        return value(handleInvalid);
    }

    public LstmForecaster setHandleInvalid(String value) {
        return with(handleInvalid, value);
    }

    public IntParam window() {
        return window;
    }

    public int getWindow() {
        return value(window);
    }

    public LstmForecaster setWindow(int value) {
        return with(window, value);
    }

    public IntParam horizon() {
        return horizon;
    }

    public int getHorizon() {
        return value(horizon);
    }

    public LstmForecaster setHorizon(int value) {
        return with(horizon, value);
    }

    public Param<String> strategy() {
        return strategy;
    }

    public String getStrategy() {
        return value(strategy);
    }

    public LstmForecaster setStrategy(String value) {
        return with(strategy, value);
    }

    public BooleanParam relativeToLast() {
        return relativeToLast;
    }

    public boolean getRelativeToLast() {
        return value(relativeToLast);
    }

    public LstmForecaster setRelativeToLast(boolean value) {
        return with(relativeToLast, value);
    }

    public Param<String> normalization() {
        return normalization;
    }

    public String getNormalization() {
        return value(normalization);
    }

    public LstmForecaster setNormalization(String value) {
        return with(normalization, value);
    }

    public Param<String> normalizationScope() {
        return normalizationScope;
    }

    public String getNormalizationScope() {
        return value(normalizationScope);
    }

    public LstmForecaster setNormalizationScope(String value) {
        return with(normalizationScope, value);
    }

    public IntParam season() {
        return season;
    }

    public int getSeason() {
        return value(season);
    }

    public LstmForecaster setSeason(int value) {
        return with(season, value);
    }

    public DoubleParam splitTrain() {
        return splitTrain;
    }

    public double getSplitTrain() {
        return value(splitTrain);
    }

    public LstmForecaster setSplitTrain(double value) {
        return with(splitTrain, value);
    }

    public DoubleParam splitValidation() {
        return splitValidation;
    }

    public double getSplitValidation() {
        return value(splitValidation);
    }

    public LstmForecaster setSplitValidation(double value) {
        return with(splitValidation, value);
    }

    public Param<String> splitValidationFrom() {
        return splitValidationFrom;
    }

    public String getSplitValidationFrom() {
        return value(splitValidationFrom);
    }

    public LstmForecaster setSplitValidationFrom(String value) {
        return with(splitValidationFrom, value);
    }

    public Param<String> splitTestFrom() {
        return splitTestFrom;
    }

    public String getSplitTestFrom() {
        return value(splitTestFrom);
    }

    public LstmForecaster setSplitTestFrom(String value) {
        return with(splitTestFrom, value);
    }

    public BooleanParam bidirectional() {
        return bidirectional;
    }

    public boolean getBidirectional() {
        return value(bidirectional);
    }

    public LstmForecaster setBidirectional(boolean value) {
        return with(bidirectional, value);
    }
}

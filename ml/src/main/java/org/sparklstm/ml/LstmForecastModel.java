package org.sparklstm.ml;

import static org.sparklstm.ml.Declare.number;
import static org.sparklstm.ml.Declare.oneOf;
import static org.sparklstm.ml.Declare.string;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.sparklstm.models.forecast.ForecastBundle;
import org.sparklstm.models.train.NetworkState;
import org.sparklstm.pipeline.forecast.ForecastEvaluator;
import org.sparklstm.pipeline.forecast.ForecastsRow;
import org.sparklstm.pipeline.series.MissingValues;
import org.sparklstm.pipeline.series.SeriesIngest;
import org.sparklstm.pipeline.series.SplitSpec;

/**
 * A trained forecaster as a Spark ML {@link org.apache.spark.ml.Model}. {@code transform} takes a panel with the
 * columns it was trained on and gives the next {@code horizon} steps past the end of each series, in original units,
 * as the command line's {@code forecast} does; {@link #backtest} gives the rolling-origin forecasts of each series'
 * test part beside the actual values, as the command line's training evaluates them. Saved, it is the same bundle
 * the command line's {@code train} writes (plus Spark's {@code metadata/}), so each loads what the other saved.
 */
public final class LstmForecastModel extends IdentifiedModel<LstmForecastModel> implements MLWritable {

    private final ForecastBundle bundle;

    private final Param<String> missing = oneOf(this, "missing", "a null or NaN value: fail names its row and "
            + "column; drop-window leaves out the forecasts whose window touches it; forward-fill takes the value "
            + "before it", MissingValues.FAIL.configName(), SeriesParams.missingValues());
    private final Param<String> handleInvalid = oneOf(this, "handleInvalid", "a bad row (no id or time, an "
            + "unreadable time, a repeated time in its series): error names it; skip leaves it out",
            HandleInvalid.ERROR.paramValue(), SeriesParams.HANDLE_INVALID);
    private final DoubleParam splitTrain = number(this, "splitTrain", "backtest: fraction of each series' length "
            + "before validation, in (0, 1)", ParamValidators.inRange(0, 1, false, false), 0.8);
    private final DoubleParam splitValidation = number(this, "splitValidation", "backtest: fraction after the "
            + "training part before test, in [0, 1)", ParamValidators.inRange(0, 1, true, false), 0.0);
    private final Param<String> splitValidationFrom = string(this, "splitValidationFrom", "backtest: or cut by "
            + "time: the first time of validation (\"\" = none) ...", "");
    private final Param<String> splitTestFrom = string(this, "splitTestFrom", "backtest: ... and of test; when "
            + "set, the fractions are not used", "");

    public LstmForecastModel(String uid, ForecastBundle bundle) {
        super(uid);
        this.bundle = bundle;
    }

    /** The trained model bundle: network, spec, columns, scaling, configuration and statistics. */
    public ForecastBundle bundle() {
        return bundle;
    }

    /** The series id column ("" = one series), as trained. */
    public String getIdCol() {
        return bundle.columns().seriesId();
    }

    public String getTimeCol() {
        return bundle.columns().time();
    }

    public String[] getValueCols() {
        return bundle.columns().values().toArray(String[]::new);
    }

    public String[] getTargetCols() {
        return bundle.columns().targets().toArray(String[]::new);
    }

    public int getWindow() {
        return bundle.spec().window();
    }

    public int getHorizon() {
        return bundle.spec().horizon();
    }

    @Override
    public StructType transformSchema(StructType schema) {
        SeriesFrame.check(schema, bundle.columns());
        return ForecastColumns.FUTURE.schema();
    }

    /**
     * One row per series, target and step: the forecasts past the end of each series' data. The panel is read,
     * checked and its series cached when this is called; the forecasts are computed when the result is.
     */
    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        transformSchema(dataset.schema());
        return ForecastColumns.FUTURE.of(forecasts(dataset, ForecastEvaluator.FUTURE));
    }

    /**
     * Rolling-origin forecasts over each series' test part (every origin whose {@code horizon} targets all lie in
     * it), with the actual value in {@code actual}: for MLlib's {@code RegressionEvaluator} with label column
     * {@code actual} and prediction column {@code forecast}. The actual is null where the value is missing (with
     * {@code missing} other than fail).
     */
    public Dataset<Row> backtest(Dataset<?> dataset) {
        SeriesFrame.check(dataset.schema(), bundle.columns());
        return ForecastColumns.BACKTEST.of(forecasts(dataset, SplitSpec.TEST));
    }

    /** The command line's forecasts table of one part of the series. */
    private Dataset<Row> forecasts(Dataset<?> dataset, String part) {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(dataset.sparkSession().sparkContext());
        SeriesIngest.Result input = SeriesFrame.read(dataset, SeriesParams.ingest(bundle.columns(), value(missing),
                value(handleInvalid)), Math.max(2, sc.defaultParallelism()));
        ForecastEvaluator evaluator = new ForecastEvaluator(bundle.network().getLayerWiseConfigurations().toJson(),
                bundle.spec(), bundle.columns().targets(), split(), bundle.season());
        JavaRDD<ForecastsRow> rows = evaluator.evaluate(input.series(), NetworkState.capture(bundle.network()),
                sc.broadcast(bundle.normalizer()), List.of(part), uid()).flatMap(r -> r.forecasts().iterator());
        return ForecastsRow.TABLE.frame(dataset.sparkSession(), rows);
    }

    private SplitSpec split() {
        return SeriesParams.split(getSplitTrain(), getSplitValidation(), value(splitValidationFrom),
                value(splitTestFrom));
    }

    @Override
    public LstmForecastModel copy(ParamMap extra) {
        return copyValues(new LstmForecastModel(uid(), bundle), extra).setParent(parent());
    }

    @SuppressWarnings("unchecked")
    private <T> T value(Param<T> param) {
        return (T) getOrDefault(param);
    }

    public Param<String> missing() {
        return missing;
    }

    public String getMissing() {
        return value(missing);
    }

    public LstmForecastModel setMissing(String value) {
        return (LstmForecastModel) set(missing, value);
    }

    public Param<String> handleInvalid() {
        return handleInvalid;
    }

    public String getHandleInvalid() {
        return value(handleInvalid);
    }

    public LstmForecastModel setHandleInvalid(String value) {
        return (LstmForecastModel) set(handleInvalid, value);
    }

    public DoubleParam splitTrain() {
        return splitTrain;
    }

    public double getSplitTrain() {
        return (Double) getOrDefault(splitTrain);
    }

    public LstmForecastModel setSplitTrain(double value) {
        return (LstmForecastModel) set(splitTrain, value);
    }

    public DoubleParam splitValidation() {
        return splitValidation;
    }

    public double getSplitValidation() {
        return (Double) getOrDefault(splitValidation);
    }

    public LstmForecastModel setSplitValidation(double value) {
        return (LstmForecastModel) set(splitValidation, value);
    }

    public Param<String> splitValidationFrom() {
        return splitValidationFrom;
    }

    public String getSplitValidationFrom() {
        return value(splitValidationFrom);
    }

    public LstmForecastModel setSplitValidationFrom(String value) {
        return (LstmForecastModel) set(splitValidationFrom, value);
    }

    public Param<String> splitTestFrom() {
        return splitTestFrom;
    }

    public String getSplitTestFrom() {
        return value(splitTestFrom);
    }

    public LstmForecastModel setSplitTestFrom(String value) {
        return (LstmForecastModel) set(splitTestFrom, value);
    }

    @Override
    public MLWriter write() {
        return BundleModels.writer(this, bundle::save, "forecaster");
    }

    public static MLReader<LstmForecastModel> read() {
        return BundleModels.reader(LstmForecastModel.class, ForecastBundle::load, LstmForecastModel::new,
                LstmForecastModel::fromRun, "forecaster");
    }

    public static LstmForecastModel load(String path) {
        return read().load(path);
    }

    /**
     * A bundle the command line wrote takes its reading and split settings from its run's config
     * ({@code series.missing}, {@code series.on-error}, {@code series.split.*}).
     */
    private static void fromRun(LstmForecastModel model, ForecastBundle bundle) {
        JsonObject series = new Gson().fromJson(bundle.configJson(), JsonObject.class).getAsJsonObject("series");
        if (series == null) {
            return;
        }
        if (series.has("missing")) {
            model.setMissing(series.get("missing").getAsString());
        }
        if (series.has("on-error")) {
            model.setHandleInvalid(series.get("on-error").getAsString().equals("quarantine")
                    ? HandleInvalid.SKIP.paramValue() : HandleInvalid.ERROR.paramValue());
        }
        JsonObject split = series.getAsJsonObject("split");
        if (split == null) {
            return;
        }
        JsonElement train = split.get("train");
        if (train != null) {
            model.setSplitTrain(train.getAsDouble());
        }
        JsonElement validation = split.get("validation");
        if (validation != null) {
            model.setSplitValidation(validation.getAsDouble());
        }
        if (split.has("validation-from")) {
            model.setSplitValidationFrom(split.get("validation-from").getAsString());
        }
        if (split.has("test-from")) {
            model.setSplitTestFrom(split.get("test-from").getAsString());
        }
    }
}

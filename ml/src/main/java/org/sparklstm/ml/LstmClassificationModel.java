package org.sparklstm.ml;

import static org.apache.spark.sql.functions.col;
import static org.sparklstm.ml.Declare.atLeast;
import static org.sparklstm.ml.Declare.oneOf;
import static org.sparklstm.ml.Declare.string;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.sparklstm.models.classify.ClassifierBundle;
import org.sparklstm.models.classify.Labels;
import org.sparklstm.models.classify.TextPreparation;
import org.sparklstm.models.train.NetworkState;
import org.sparklstm.models.train.WorkerNetworks;
import org.sparklstm.pipeline.classify.ClassificationReport;
import org.sparklstm.pipeline.classify.ClassifierScorer;
import org.sparklstm.pipeline.classify.ClassifierScorer.Prediction;
import org.sparklstm.pipeline.io.Chunks;

/**
 * A trained text classifier as a Spark ML {@link org.apache.spark.ml.Model}: {@code transform} adds MLlib's
 * {@code rawPrediction}, {@code probability} and {@code prediction} columns, scoring each partition's texts in
 * minibatches on the executors. Saved, it is the same bundle the command line's {@code train} writes (plus Spark's
 * {@code metadata/}), so each loads what the other saved.
 */
public final class LstmClassificationModel extends IdentifiedModel<LstmClassificationModel> implements MLWritable {

    private final ClassifierBundle bundle;

    private final Param<String> textCol = string(this, "textCol", "the text column", "text");
    private final Param<String> predictionCol = string(this, "predictionCol", "prediction column name",
            "prediction");
    private final Param<String> probabilityCol = string(this, "probabilityCol", "column name for predicted class "
            + "conditional probabilities", "probability");
    private final Param<String> rawPredictionCol = string(this, "rawPredictionCol", "raw prediction (a.k.a. "
            + "confidence) column name: the log-probabilities", "rawPrediction");
    private final Param<String> handleInvalid = oneOf(this, "handleInvalid", "a row whose text is null or blank: "
            + "error names it, skip leaves it out, keep gives it null predictions", HandleInvalid.ERROR.paramValue(),
            HandleInvalid.paramValues());
    private final IntParam evalBatchSize = atLeast(this, "evalBatchSize", "texts per minibatch when scoring", 1, 128);

    public LstmClassificationModel(String uid, ClassifierBundle bundle) {
        super(uid);
        this.bundle = bundle;
    }

    /** The classes, in the order of {@code prediction}'s indexes and the probability vector's entries. */
    public String[] labels() {
        return bundle.labels().names().toArray(String[]::new);
    }

    public int numClasses() {
        return bundle.labels().size();
    }

    /** The trained model bundle: network, text preparation, classes, configuration and statistics. */
    public ClassifierBundle bundle() {
        return bundle;
    }

    @Override
    public StructType transformSchema(StructType schema) {
        Columns.require(schema, getTextCol(), org.apache.spark.sql.types.DataTypes.StringType, "textCol");
        return outputColumns().appendTo(schema, labels());
    }

    private ClassificationColumns outputColumns() {
        return new ClassificationColumns(value(rawPredictionCol), value(probabilityCol), value(predictionCol));
    }

    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        StructType schema = transformSchema(dataset.schema());
        int text = dataset.schema().fieldIndex(getTextCol());
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(dataset.sparkSession().sparkContext());
        Broadcast<TextPreparation> preparation = sc.broadcast(bundle.preparation());
        Broadcast<NetworkState> state = sc.broadcast(NetworkState.capture(bundle.network()));
        String json = bundle.network().getLayerWiseConfigurations().toJson();
        int classes = numClasses();
        int batchSize = value(evalBatchSize);
        HandleInvalid invalid = HandleInvalid.of(value(handleInvalid));
        String column = getTextCol();
        Dataset<Row> scored = dataset.toDF().mapPartitions((MapPartitionsFunction<Row, Row>) rows -> {
            if (!rows.hasNext()) {
                return rows;
            }
            MultiLayerNetwork net = WorkerNetworks.get(json);
            state.value().applyTo(net);
            return Chunks.flatMap(rows, ClassifierScorer.chunkSize(batchSize), chunk ->
                    score(chunk, text, column, invalid, net, preparation.value(), classes, batchSize));
        }, Encoders.row(schema));
        // an encoder keeps the columns' types but not their metadata: the prediction's classes are set again
        String prediction = value(predictionCol);
        return scored.withMetadata(prediction, schema.apply(prediction).metadata());
    }

    /**
     * The model's accuracy, per-class and macro F1, log loss and ROC AUC on labelled rows ({@code labelCol}: class
     * names, or class indexes), computed on the executors: confusion counts by aggregation, AUC by MLlib's
     * {@code BinaryClassificationMetrics}. A missing label or a class the model does not know is an error.
     */
    public ClassificationReport evaluate(Dataset<?> dataset, String labelCol) {
        boolean numeric = Columns.requireStringOrNumeric(dataset.schema(), labelCol, "labelCol").dataType()
                instanceof NumericType;
        Labels labels = bundle.labels();
        String probability = value(probabilityCol);
        String prediction = value(predictionCol);
        JavaRDD<Prediction> predictions = transform(dataset).select(col(labelCol), col(probability), col(prediction))
                .javaRDD().map(r -> {
                    if (r.isNullAt(0) || r.isNullAt(1)) {
                        throw new IllegalArgumentException("evaluate: a row without a label or a text: " + r);
                    }
                    String name = numeric ? null : r.getString(0).trim();
                    int label = numeric ? (int) ((Number) r.get(0)).doubleValue() : labels.index(name);
                    if (label < 0 || label >= labels.size() || numeric && ((Number) r.get(0)).doubleValue() != label) {
                        throw new IllegalArgumentException("evaluate: label " + r.get(0) + " in column '" + labelCol
                                + "' is none of the model's classes " + labels.names());
                    }
                    return new Prediction(String.valueOf(label), labels.name(label), label,
                            (int) r.getDouble(2), r.<Vector>getAs(1).toArray());
                });
        return ClassificationReport.of(predictions, labels);
    }

    /** A chunk's rows with their three columns added (nulls, or left out, where the text is invalid). */
    private static List<Row> score(List<Row> chunk, int text, String column, HandleInvalid invalid,
                                   MultiLayerNetwork net, TextPreparation preparation, int classes, int batchSize) {
        List<int[]> ids = new ArrayList<>(chunk.size());
        for (Row row : chunk) {
            String value = row.isNullAt(text) ? null : row.getString(text);
            if (value == null || value.isBlank()) {
                if (invalid == HandleInvalid.ERROR) {
                    throw new IllegalArgumentException("textCol: column '" + column + "' is " + (value == null
                            ? "null" : "blank") + " in row " + row + "; set handleInvalid to skip or keep");
                }
                ids.add(null);
            } else {
                ids.add(preparation.ids(value));
            }
        }
        double[][] probabilities = ClassifierScorer.probabilities(net, ids.stream().filter(i -> i != null).toList(),
                classes, batchSize);
        List<Row> out = new ArrayList<>(chunk.size());
        int next = 0;
        for (int i = 0; i < chunk.size(); i++) {
            Row row = chunk.get(i);
            Object[] values = new Object[row.length() + 3];
            for (int c = 0; c < row.length(); c++) {
                values[c] = row.get(c);
            }
            if (ids.get(i) == null) {
                if (invalid == HandleInvalid.SKIP) {
                    continue;
                }
            } else {
                double[] p = probabilities[next++];
                double[] logs = new double[p.length];
                for (int c = 0; c < p.length; c++) {
                    logs[c] = Math.log(p[c]);
                }
                values[row.length()] = Vectors.dense(logs);
                values[row.length() + 1] = Vectors.dense(p);
                values[row.length() + 2] = (double) ClassifierScorer.argmax(p);
            }
            out.add(RowFactory.create(values));
        }
        return out;
    }

    @Override
    public LstmClassificationModel copy(ParamMap extra) {
        return copyValues(new LstmClassificationModel(uid(), bundle), extra).setParent(parent());
    }

    @SuppressWarnings("unchecked")
    private <T> T value(Param<T> param) {
        return (T) getOrDefault(param);
    }

    private int value(IntParam param) {
        return (Integer) getOrDefault(param);
    }

    public Param<String> textCol() {
        return textCol;
    }

    public String getTextCol() {
        return value(textCol);
    }

    public LstmClassificationModel setTextCol(String value) {
        return (LstmClassificationModel) set(textCol, value);
    }

    public Param<String> predictionCol() {
        return predictionCol;
    }

    public LstmClassificationModel setPredictionCol(String value) {
        return (LstmClassificationModel) set(predictionCol, value);
    }

    public Param<String> probabilityCol() {
        return probabilityCol;
    }

    public LstmClassificationModel setProbabilityCol(String value) {
        return (LstmClassificationModel) set(probabilityCol, value);
    }

    public Param<String> rawPredictionCol() {
        return rawPredictionCol;
    }

    public LstmClassificationModel setRawPredictionCol(String value) {
        return (LstmClassificationModel) set(rawPredictionCol, value);
    }

    public Param<String> handleInvalid() {
        return handleInvalid;
    }

    public LstmClassificationModel setHandleInvalid(String value) {
        return (LstmClassificationModel) set(handleInvalid, value);
    }

    public IntParam evalBatchSize() {
        return evalBatchSize;
    }

    public LstmClassificationModel setEvalBatchSize(int value) {
        return (LstmClassificationModel) set(evalBatchSize, value);
    }

    @Override
    public MLWriter write() {
        return BundleModels.writer(this, bundle::save, "classifier");
    }

    public static MLReader<LstmClassificationModel> read() {
        return BundleModels.reader(LstmClassificationModel.class, ClassifierBundle::load, LstmClassificationModel::new,
                LstmClassificationModel::fromRun, "classifier");
    }

    public static LstmClassificationModel load(String path) {
        return read().load(path);
    }

    /** A bundle the command line wrote takes its text column from its run's config. */
    private static void fromRun(LstmClassificationModel model, ClassifierBundle bundle) {
        JsonObject classify = new Gson().fromJson(bundle.configJson(), JsonObject.class).getAsJsonObject("classify");
        if (classify != null && classify.has("text-column")) {
            model.setTextCol(classify.get("text-column").getAsString());
        }
    }
}

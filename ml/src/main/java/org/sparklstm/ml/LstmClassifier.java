package org.sparklstm.ml;

import static org.sparklstm.ml.Declare.atLeast;
import static org.sparklstm.ml.Declare.flag;
import static org.sparklstm.ml.Declare.number;
import static org.sparklstm.ml.Declare.oneOf;
import static org.sparklstm.ml.Declare.string;

import com.google.gson.Gson;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructType;
import org.sparklstm.models.classify.ClassifierBundle;
import org.sparklstm.models.classify.Labels;
import org.sparklstm.models.lm.SoftmaxSpec;
import org.sparklstm.models.text.LineEnd;
import org.sparklstm.models.text.TokenizerSpec;
import org.sparklstm.pipeline.classify.ClassifyFlow;
import org.sparklstm.pipeline.classify.ClassifySettings;
import org.sparklstm.pipeline.classify.EmbeddingSettings;
import org.sparklstm.pipeline.classify.LabelledText;
import org.sparklstm.pipeline.classify.LabelledTextIngest;
import org.sparklstm.pipeline.classify.Pooling;
import org.sparklstm.pipeline.classify.TextColumns;

/**
 * A many-to-one LSTM text classifier as a Spark ML {@link org.apache.spark.ml.Estimator}: {@code fit} runs the
 * command line's classification flow (the same trainer, validation, checkpoints and progress) on a DataFrame's text
 * and label columns and gives an {@link LstmClassificationModel}. The label column holds class names (strings; the
 * classes are then indexed in sorted order) or class indexes (whole numbers from 0, as MLlib's classifiers take),
 * named by the column's metadata where a {@code StringIndexer} wrote it.
 */
public final class LstmClassifier extends TextEstimator<LstmClassifier, LstmClassificationModel> {

    private final Param<String> labelCol = string(this, "labelCol", "label column name", "label");
    private final Param<String> idCol = string(this, "idCol", "a row id column, which decides the rows held out for "
            + "validation; \"\" = the row's position", "");
    private final Param<String> predictionCol = string(this, "predictionCol", "prediction column name",
            "prediction");
    private final Param<String> probabilityCol = string(this, "probabilityCol", "column name for predicted class "
            + "conditional probabilities", "probability");
    private final Param<String> rawPredictionCol = string(this, "rawPredictionCol", "raw prediction (a.k.a. "
            + "confidence) column name: the log-probabilities", "rawPrediction");
    private final Param<String> handleInvalid = oneOf(this, "handleInvalid", "a row without text (or, in fit, "
            + "without a label): error names it; skip leaves it out and counts it (fit records it in the run's "
            + "quarantine table); keep gives it null predictions in transform", HandleInvalid.ERROR.paramValue(),
            HandleInvalid.paramValues());
    private final DoubleParam validationFraction = number(this, "validationFraction", "rows held out (by row id) and "
            + "scored after every epoch, in [0, 1); the model kept is the epoch's with the lowest validation loss",
            ParamValidators.inRange(0, 1, true, false), 0.1);
    private final IntParam maxLength = atLeast(this, "maxLength", "tokens per text; longer texts are cut", 1, 200);
    private final Param<String> keep = oneOf(this, "keep", "which part of a longer text is kept", "start", "start",
            "end");
    private final Param<String> pooling = oneOf(this, "pooling", "how the recurrent steps become one vector", "max",
            "max", "mean", "last");
    private final BooleanParam bidirectional = flag(this, "bidirectional", "read each text both ways (needs cell "
            + "gru)", false);
    private final BooleanParam word2vec = flag(this, "word2vec", "initialise the embedding with MLlib's Word2Vec on "
            + "the training texts", false);
    private final BooleanParam word2vecFrozen = flag(this, "word2vecFrozen", "keep the Word2Vec vectors fixed",
            false);
    private final IntParam word2vecMinCount = atLeast(this, "word2vecMinCount", "Word2Vec's minimum count", 1, 2);
    private final IntParam word2vecIterations = atLeast(this, "word2vecIterations", "Word2Vec's iterations", 1, 5);
    private final IntParam word2vecWindow = atLeast(this, "word2vecWindow", "Word2Vec's window", 1, 5);

    public LstmClassifier() {
        this(Identifiable.randomUID("lstmClassifier"));
    }

    public LstmClassifier(String uid) {
        super(uid);
    }

    @Override
    public StructType transformSchema(StructType schema) {
        requireTextColumn(schema);
        Columns.requireStringOrNumeric(schema, getLabelCol(), "labelCol");
        if (!value(idCol).isEmpty()) {
            Columns.field(schema, value(idCol), "idCol");
        }
        return new ClassificationColumns(value(rawPredictionCol), value(probabilityCol), value(predictionCol))
                .appendTo(schema, null);
    }

    @Override
    public LstmClassificationModel fit(Dataset<?> dataset) {
        transformSchema(dataset.schema());
        boolean numeric = dataset.schema().apply(getLabelCol()).dataType() instanceof NumericType;
        List<String> names = numeric ? LabelledFrame.classNames(dataset.schema().apply(getLabelCol())) : List.of();
        LabelledTextIngest.Result rows = LabelledFrame.read(dataset, getTextCol(), getLabelCol(), value(idCol),
                numeric, names, HandleInvalid.of(value(handleInvalid)));
        try {
            Labels labels = !numeric ? null : names.isEmpty() ? classIndexes(rows) : new Labels(names);
            ClassifyFlow flow = new ClassifyFlow(commonSettings(LabelledFrame.SOURCE, SoftmaxSpec.FULL, false,
                    value(bidirectional), 0, false), classifySettings(), System.out);
            ClassifierBundle bundle = FitRun.train(dataset.sparkSession(), getCheckpointDir(),
                    new Gson().toJson(paramValues()), run -> flow.trainOnRows(run, rows, labels),
                    ClassifierBundle::load);
            return copyValues(new LstmClassificationModel(uid(), bundle), ParamMap.empty()).setParent(this);
        } finally {
            rows.rows().unpersist(false);
        }
    }

    /** Numeric labels: the classes 0 to the largest index seen, named by their numbers. */
    private static Labels classIndexes(LabelledTextIngest.Result rows) {
        int max = rows.rows().map(LabelledText::label).map(Integer::parseInt).reduce(Math::max);
        return new Labels(IntStream.rangeClosed(0, max).mapToObj(String::valueOf).toList());
    }

    private ClassifySettings classifySettings() {
        return new ClassifySettings(new TextColumns(getTextCol(), getLabelCol(), value(idCol)), "",
                value(validationFraction), value(maxLength), value(keep).equals("end"),
                Pooling.valueOf(value(pooling).toUpperCase(java.util.Locale.ROOT)),
                HandleInvalid.of(value(handleInvalid)) != HandleInvalid.ERROR,
                tokenizerSpec(TokenizerSpec.CHAR.equals(value(tokenizer())) ? LineEnd.NEWLINE_TOKEN : LineEnd.NONE),
                new EmbeddingSettings(value(word2vec), "", value(word2vecFrozen), value(word2vecMinCount),
                        value(word2vecIterations), value(word2vecWindow)), "UTF-8");
    }

    @Override
    public LstmClassifier copy(ParamMap extra) {
        return defaultCopy(extra);
    }

    public static MLReader<LstmClassifier> read() {
        return new DefaultParamsReader<>();
    }

    public static LstmClassifier load(String path) {
        return read().load(path);
    }

    public Param<String> labelCol() {
        return labelCol;
    }

    public String getLabelCol() {
        return value(labelCol);
    }

    public LstmClassifier setLabelCol(String value) {
        return with(labelCol, value);
    }

    public Param<String> idCol() {
        return idCol;
    }

    public LstmClassifier setIdCol(String value) {
        return with(idCol, value);
    }

    public Param<String> predictionCol() {
        return predictionCol;
    }

    public LstmClassifier setPredictionCol(String value) {
        return with(predictionCol, value);
    }

    public Param<String> probabilityCol() {
        return probabilityCol;
    }

    public LstmClassifier setProbabilityCol(String value) {
        return with(probabilityCol, value);
    }

    public Param<String> rawPredictionCol() {
        return rawPredictionCol;
    }

    public LstmClassifier setRawPredictionCol(String value) {
        return with(rawPredictionCol, value);
    }

    public Param<String> handleInvalid() {
        return handleInvalid;
    }

    public LstmClassifier setHandleInvalid(String value) {
        return with(handleInvalid, value);
    }

    public DoubleParam validationFraction() {
        return validationFraction;
    }

    public LstmClassifier setValidationFraction(double value) {
        return with(validationFraction, value);
    }

    public IntParam maxLength() {
        return maxLength;
    }

    public LstmClassifier setMaxLength(int value) {
        return with(maxLength, value);
    }

    public Param<String> keep() {
        return keep;
    }

    public LstmClassifier setKeep(String value) {
        return with(keep, value);
    }

    public Param<String> pooling() {
        return pooling;
    }

    public LstmClassifier setPooling(String value) {
        return with(pooling, value);
    }

    public BooleanParam bidirectional() {
        return bidirectional;
    }

    public LstmClassifier setBidirectional(boolean value) {
        return with(bidirectional, value);
    }

    public BooleanParam word2vec() {
        return word2vec;
    }

    public LstmClassifier setWord2vec(boolean value) {
        return with(word2vec, value);
    }

    public BooleanParam word2vecFrozen() {
        return word2vecFrozen;
    }

    public LstmClassifier setWord2vecFrozen(boolean value) {
        return with(word2vecFrozen, value);
    }

    public IntParam word2vecMinCount() {
        return word2vecMinCount;
    }

    public LstmClassifier setWord2vecMinCount(int value) {
        return with(word2vecMinCount, value);
    }

    public IntParam word2vecIterations() {
        return word2vecIterations;
    }

    public LstmClassifier setWord2vecIterations(int value) {
        return with(word2vecIterations, value);
    }

    public IntParam word2vecWindow() {
        return word2vecWindow;
    }

    public LstmClassifier setWord2vecWindow(int value) {
        return with(word2vecWindow, value);
    }
}

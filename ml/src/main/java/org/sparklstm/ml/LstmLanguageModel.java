package org.sparklstm.ml;

import static org.sparklstm.ml.Declare.atLeast;
import static org.sparklstm.ml.Declare.flag;
import static org.sparklstm.ml.Declare.number;
import static org.sparklstm.ml.Declare.oneOf;
import static org.sparklstm.ml.Declare.string;

import com.google.gson.Gson;
import java.util.Arrays;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntArrayParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.types.StructType;
import org.sparklstm.models.lm.ModelBundle;
import org.sparklstm.models.lm.SoftmaxSpec;
import org.sparklstm.models.text.LineEnd;
import org.sparklstm.pipeline.lm.Corpus;
import org.sparklstm.pipeline.ingest.TextReading;
import org.sparklstm.pipeline.lm.HeldOutPaths;
import org.sparklstm.pipeline.lm.LanguageModelFlow;
import org.sparklstm.pipeline.lm.LanguageModelSettings;
import org.sparklstm.pipeline.lm.Sampling;
import org.sparklstm.pipeline.sequences.WindowSpec;
import org.sparklstm.pipeline.sequences.WindowStore;

/**
 * A next-token LSTM language model as a Spark ML {@link org.apache.spark.ml.Estimator}: {@code fit} runs the command
 * line's language-model flow on a DataFrame's text column (each row a document, in the DataFrame's order; the end
 * of the token stream validates) and gives an {@link LstmLanguageModelModel}, which scores texts and generates.
 */
public final class LstmLanguageModel extends TextEstimator<LstmLanguageModel, LstmLanguageModelModel> {

    private final IntParam sequenceLength = atLeast(this, "sequenceLength", "time steps per training window", 1, 100);
    private final IntParam stride = atLeast(this, "stride", "tokens between the starts of consecutive windows; 0 = "
            + "sequenceLength", 0, 0);
    private final DoubleParam validationFraction = number(this, "validationFraction", "the last part of the token "
            + "stream held out for validation, in (0, 1)", ParamValidators.inRange(0, 1, false, false), 0.1);
    private final Param<String> store = oneOf(this, "store", "where each worker keeps its windows: memory, or disk "
            + "for corpora larger than the executors' memory", "memory", "memory", "disk");
    private final IntParam tbpttLength = atLeast(this, "tbpttLength", "truncated BPTT length; 0 = the whole window",
            0, 0);
    private final BooleanParam stateful = flag(this, "stateful", "each window starts from the state its row's previous "
            + "window ended in", true);
    private final Param<String> softmax = oneOf(this, "softmax", "how the softmax trains (scoring and generating "
            + "always use the full distribution)", "full", "full", "sampled", "adaptive");
    private final IntParam softmaxSamples = atLeast(this, "softmaxSamples", "softmax sampled: negative ids drawn per "
            + "minibatch", 1, 1024);
    private final IntArrayParam softmaxCutoffs = new IntArrayParam(this, "softmaxCutoffs", "softmax adaptive: the "
            + "head holds ids below the first cutoff, each cluster the ids up to the next");
    private final BooleanParam tieWeights = flag(this, "tieWeights", "the input embedding is the softmax's weight "
            + "matrix (needs embedding = hidden)", false);
    private final Param<String> handleInvalid = oneOf(this, "handleInvalid", "a row without text: error names it, "
            + "skip leaves it out and records it in the run's quarantine table", HandleInvalid.ERROR.paramValue(),
            HandleInvalid.ERROR.paramValue(), HandleInvalid.SKIP.paramValue());
    private final Param<String> logLikelihoodCol = string(this, "logLikelihoodCol", "a scored text's log-likelihood "
            + "in nats (of every token after the document's start)", "logLikelihood");
    private final Param<String> tokensCol = string(this, "tokensCol", "the tokens a text's log-likelihood sums over",
            "tokens");
    private final Param<String> perplexityCol = string(this, "perplexityCol", "exp(-logLikelihood / tokens)",
            "perplexity");

    public LstmLanguageModel() {
        this(Identifiable.randomUID("lstmLanguageModel"));
    }

    public LstmLanguageModel(String uid) {
        super(uid);
        setDefault(softmaxCutoffs, new int[]{2000});
    }

    @Override
    public StructType transformSchema(StructType schema) {
        requireTextColumn(schema);
        return scoreColumns().appendTo(schema);
    }

    private ScoreColumns scoreColumns() {
        return new ScoreColumns(value(logLikelihoodCol), value(tokensCol), value(perplexityCol));
    }

    @Override
    public LstmLanguageModelModel fit(Dataset<?> dataset) {
        transformSchema(dataset.schema());
        Corpus corpus = TextCorpus.read(dataset, getTextCol(), HandleInvalid.of(value(handleInvalid)));
        try {
            int length = value(sequenceLength);
            LanguageModelSettings settings = new LanguageModelSettings(tokenizerSpec(LineEnd.defaultFor(
                    value(tokenizer()))), new WindowSpec(length, value(stride) == 0 ? length : value(stride),
                    value(validationFraction)), WindowStore.Kind.valueOf(value(store).toUpperCase(java.util.Locale.ROOT)),
                    new Sampling("", 50, 0.8, getSeed()), new HeldOutPaths("", ""),
                    TextReading.DEFAULT);
            LanguageModelFlow flow = new LanguageModelFlow(commonSettings(LabelledFrame.SOURCE, softmaxSpec(),
                    value(tieWeights), false, value(tbpttLength), value(stateful)), settings, System.out);
            ModelBundle bundle = FitRun.train(dataset.sparkSession(), getCheckpointDir(),
                    new Gson().toJson(paramValues()), run -> flow.trainOnCorpus(run, corpus), ModelBundle::load);
            return copyValues(new LstmLanguageModelModel(uid(), bundle), ParamMap.empty()).setParent(this);
        } finally {
            corpus.ingested().release();
        }
    }

    private SoftmaxSpec softmaxSpec() {
        return switch (value(softmax)) {
            case "sampled" -> SoftmaxSpec.sampled(value(softmaxSamples));
            case "adaptive" -> SoftmaxSpec.adaptive(Arrays.stream(value(softmaxCutoffs)).boxed().toList());
            default -> SoftmaxSpec.FULL;
        };
    }

    @Override
    public LstmLanguageModel copy(ParamMap extra) {
        return defaultCopy(extra);
    }

    public static MLReader<LstmLanguageModel> read() {
        return new DefaultParamsReader<>();
    }

    public static LstmLanguageModel load(String path) {
        return read().load(path);
    }

    public IntParam sequenceLength() {
        return sequenceLength;
    }

    public LstmLanguageModel setSequenceLength(int value) {
        return with(sequenceLength, value);
    }

    public IntParam stride() {
        return stride;
    }

    public LstmLanguageModel setStride(int value) {
        return with(stride, value);
    }

    public DoubleParam validationFraction() {
        return validationFraction;
    }

    public LstmLanguageModel setValidationFraction(double value) {
        return with(validationFraction, value);
    }

    public Param<String> store() {
        return store;
    }

    public LstmLanguageModel setStore(String value) {
        return with(store, value);
    }

    public IntParam tbpttLength() {
        return tbpttLength;
    }

    public LstmLanguageModel setTbpttLength(int value) {
        return with(tbpttLength, value);
    }

    public BooleanParam stateful() {
        return stateful;
    }

    public LstmLanguageModel setStateful(boolean value) {
        return with(stateful, value);
    }

    public Param<String> softmax() {
        return softmax;
    }

    public LstmLanguageModel setSoftmax(String value) {
        return with(softmax, value);
    }

    public IntParam softmaxSamples() {
        return softmaxSamples;
    }

    public LstmLanguageModel setSoftmaxSamples(int value) {
        return with(softmaxSamples, value);
    }

    public IntArrayParam softmaxCutoffs() {
        return softmaxCutoffs;
    }

    public LstmLanguageModel setSoftmaxCutoffs(int[] value) {
        return with(softmaxCutoffs, value);
    }

    public BooleanParam tieWeights() {
        return tieWeights;
    }

    public LstmLanguageModel setTieWeights(boolean value) {
        return with(tieWeights, value);
    }

    public Param<String> handleInvalid() {
        return handleInvalid;
    }

    public LstmLanguageModel setHandleInvalid(String value) {
        return with(handleInvalid, value);
    }

    public Param<String> logLikelihoodCol() {
        return logLikelihoodCol;
    }

    public LstmLanguageModel setLogLikelihoodCol(String value) {
        return with(logLikelihoodCol, value);
    }

    public Param<String> tokensCol() {
        return tokensCol;
    }

    public LstmLanguageModel setTokensCol(String value) {
        return with(tokensCol, value);
    }

    public Param<String> perplexityCol() {
        return perplexityCol;
    }

    public LstmLanguageModel setPerplexityCol(String value) {
        return with(perplexityCol, value);
    }
}

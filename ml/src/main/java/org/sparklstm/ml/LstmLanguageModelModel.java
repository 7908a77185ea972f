package org.sparklstm.ml;

import static org.sparklstm.ml.Declare.oneOf;
import static org.sparklstm.ml.Declare.string;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.sparklstm.models.lm.ModelBundle;
import org.sparklstm.models.lm.SequenceBlock;
import org.sparklstm.models.lm.SequenceScorer;
import org.sparklstm.models.text.TextEncoding;
import org.sparklstm.models.text.Vocabulary;
import org.sparklstm.models.train.NetworkState;
import org.sparklstm.models.train.WorkerNetworks;
import org.sparklstm.pipeline.io.Chunks;
import org.sparklstm.pipeline.lm.Sampling;
import org.sparklstm.pipeline.text.IntBuffer;

/**
 * A trained language model as a Spark ML {@link org.apache.spark.ml.Model}: {@code transform} scores each text on
 * the executors (its log-likelihood from the document's start, as the model read documents in training; the tokens
 * that sums over; the perplexity), and {@link #generate} continues a prompt. Saved, it is the command line's model
 * bundle plus Spark's {@code metadata/}.
 */
public final class LstmLanguageModelModel extends IdentifiedModel<LstmLanguageModelModel> implements MLWritable {

    /** Texts scored between two reads of the partition's iterator. */
    private static final int CHUNK = 64;

    private final ModelBundle bundle;

    private final Param<String> textCol = string(this, "textCol", "the text column", "text");
    private final Param<String> logLikelihoodCol = string(this, "logLikelihoodCol", "a scored text's log-likelihood "
            + "in nats (of every token after the document's start)", "logLikelihood");
    private final Param<String> tokensCol = string(this, "tokensCol", "the tokens a text's log-likelihood sums over",
            "tokens");
    private final Param<String> perplexityCol = string(this, "perplexityCol", "exp(-logLikelihood / tokens)",
            "perplexity");
    private final Param<String> handleInvalid = oneOf(this, "handleInvalid", "a row whose text is null or blank: "
            + "error names it, skip leaves it out, keep gives it null scores", HandleInvalid.ERROR.paramValue(),
            HandleInvalid.paramValues());

    public LstmLanguageModelModel(String uid, ModelBundle bundle) {
        super(uid);
        this.bundle = bundle;
    }

    /** The trained model bundle: network, text encoding, configuration and statistics. */
    public ModelBundle bundle() {
        return bundle;
    }

    /** The prompt followed by {@code length} tokens sampled from the full distribution. */
    public String generate(String prompt, int length, double temperature, long seed) {
        return new Sampling(prompt, length, temperature, seed).generate(bundle);
    }

    @Override
    public StructType transformSchema(StructType schema) {
        Columns.require(schema, getTextCol(), DataTypes.StringType, "textCol");
        return new ScoreColumns(value(logLikelihoodCol), value(tokensCol), value(perplexityCol)).appendTo(schema);
    }

    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        StructType schema = transformSchema(dataset.schema());
        int text = dataset.schema().fieldIndex(getTextCol());
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(dataset.sparkSession().sparkContext());
        Broadcast<TextEncoding> encoding = sc.broadcast(bundle.encoding());
        Broadcast<NetworkState> state = sc.broadcast(NetworkState.capture(bundle.network()).withoutUpdater());
        String json = bundle.network().getLayerWiseConfigurations().toJson();
        HandleInvalid invalid = HandleInvalid.of(value(handleInvalid));
        String column = getTextCol();
        return dataset.toDF().mapPartitions((MapPartitionsFunction<Row, Row>) rows -> {
            if (!rows.hasNext()) {
                return rows;
            }
            MultiLayerNetwork net = WorkerNetworks.get(json);
            state.value().applyTo(net);
            return Chunks.flatMap(rows, CHUNK, chunk -> score(chunk, text, column, invalid, net, encoding.value()));
        }, Encoders.row(schema));
    }

    /** The ids a document of {@code text} was read as in training: {@code <eos>}, then each line and its end. */
    static int[] documentIds(TextEncoding encoding, String text) {
        IntBuffer ids = new IntBuffer();
        ids.add(Vocabulary.EOS_ID);
        for (String line : TextCorpus.lines(text)) {
            encoding.encode(line, ids::add);
        }
        return ids.toArray();
    }

    private static List<Row> score(List<Row> chunk, int text, String column, HandleInvalid invalid,
                                   MultiLayerNetwork net, TextEncoding encoding) {
        int vocabulary = encoding.vocabulary().size();
        List<Row> out = new ArrayList<>(chunk.size());
        for (Row row : chunk) {
            Object[] values = new Object[row.length() + 3];
            for (int c = 0; c < row.length(); c++) {
                values[c] = row.get(c);
            }
            String value = row.isNullAt(text) ? null : row.getString(text);
            if (value == null || value.isBlank()) {
                if (invalid == HandleInvalid.ERROR) {
                    throw new IllegalArgumentException("textCol: column '" + column + "' is " + (value == null
                            ? "null" : "blank") + " in row " + row + "; set handleInvalid to skip or keep");
                }
                if (invalid == HandleInvalid.SKIP) {
                    continue;
                }
            } else {
                int[] ids = documentIds(encoding, value);
                double[] scored = SequenceScorer.score(net, SequenceBlock.of(ids.length, List.of(ids)), 1,
                        vocabulary);
                long tokens = (long) scored[1];
                values[row.length()] = -scored[0];
                values[row.length() + 1] = tokens;
                values[row.length() + 2] = tokens == 0 ? null : Math.exp(scored[0] / tokens);
            }
            out.add(RowFactory.create(values));
        }
        return out;
    }

    @Override
    public LstmLanguageModelModel copy(ParamMap extra) {
        return copyValues(new LstmLanguageModelModel(uid(), bundle), extra).setParent(parent());
    }

    @SuppressWarnings("unchecked")
    private <T> T value(Param<T> param) {
        return (T) getOrDefault(param);
    }

    public Param<String> textCol() {
        return textCol;
    }

    public String getTextCol() {
        return value(textCol);
    }

    public LstmLanguageModelModel setTextCol(String value) {
        return (LstmLanguageModelModel) set(textCol, value);
    }

    public Param<String> logLikelihoodCol() {
        return logLikelihoodCol;
    }

    public LstmLanguageModelModel setLogLikelihoodCol(String value) {
        return (LstmLanguageModelModel) set(logLikelihoodCol, value);
    }

    public Param<String> tokensCol() {
        return tokensCol;
    }

    public LstmLanguageModelModel setTokensCol(String value) {
        return (LstmLanguageModelModel) set(tokensCol, value);
    }

    public Param<String> perplexityCol() {
        return perplexityCol;
    }

    public LstmLanguageModelModel setPerplexityCol(String value) {
        return (LstmLanguageModelModel) set(perplexityCol, value);
    }

    public Param<String> handleInvalid() {
        return handleInvalid;
    }

    public LstmLanguageModelModel setHandleInvalid(String value) {
        return (LstmLanguageModelModel) set(handleInvalid, value);
    }

    @Override
    public MLWriter write() {
        return BundleModels.writer(this, bundle::save, "language model");
    }

    public static MLReader<LstmLanguageModelModel> read() {
        return BundleModels.reader(LstmLanguageModelModel.class, ModelBundle::load, LstmLanguageModelModel::new,
                (model, bundle) -> { }, "language model");
    }

    public static LstmLanguageModelModel load(String path) {
        return read().load(path);
    }
}

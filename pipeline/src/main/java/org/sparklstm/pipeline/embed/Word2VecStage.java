package org.sparklstm.pipeline.embed;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.feature.Word2Vec;
import org.apache.spark.ml.feature.Word2VecModel;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.sparklstm.models.text.TextEncoding;

/**
 * embeddings: Spark MLlib's Word2Vec trained on the executors over texts tokenized exactly as the
 * model tokenizes them, so its vectors can initialise the embedding rows of the same tokens.
 */
public final class Word2VecStage {

    public static final StructType VECTORS_SCHEMA = new StructType()
            .add("token", DataTypes.StringType, false)
            .add("vector", DataTypes.createArrayType(DataTypes.FloatType, false), false);

    /** MLlib's parameters: vector size (the embedding size), minimum count, iterations, context window, seed. */
    public record Settings(int vectorSize, int minCount, int iterations, int windowSize, long seed)
            implements java.io.Serializable {
    }

    private Word2VecStage() {
    }

    /** @return the vectors as a (token, vector) table, computed once and cached */
    public static Dataset<Row> train(SparkSession spark, JavaRDD<String> texts, TextEncoding encoding,
                                     Settings settings) {
        // Spark rows take arrays (or Scala sequences), not Java lists
        JavaRDD<Row> tokenized = texts.map(t -> RowFactory.create((Object) encoding.tokens(t)
                .toArray(String[]::new)));
        Dataset<Row> table = spark.createDataFrame(tokenized, new StructType()
                .add("tokens", DataTypes.createArrayType(DataTypes.StringType, false), false));
        Word2VecModel model = new Word2Vec().setInputCol("tokens").setVectorSize(settings.vectorSize())
                .setMinCount(settings.minCount()).setMaxIter(settings.iterations())
                .setWindowSize(settings.windowSize()).setSeed(settings.seed())
                // MLlib merges its partitions' vectors in arrival order: only one partition gives the same
                // vectors on every run
                .setNumPartitions(1)
                .fit(table);
        JavaRDD<Row> vectors = model.getVectors().javaRDD().map(r -> {
            double[] v = ((Vector) r.get(1)).toArray();
            Float[] f = new Float[v.length];
            for (int i = 0; i < v.length; i++) {
                f[i] = (float) v[i];
            }
            return RowFactory.create(r.getString(0), f);
        });
        return spark.createDataFrame(vectors, VECTORS_SCHEMA).cache();
    }

    /** The vectors of the given tokens (those Word2Vec kept), brought to the driver. */
    public static Map<String, float[]> vectorsOf(Dataset<Row> vectors, List<String> tokens) {
        java.util.Set<String> wanted = new java.util.HashSet<>(tokens);
        Map<String, float[]> out = new HashMap<>();
        for (Row r : vectors.filter((org.apache.spark.api.java.function.FilterFunction<Row>) r -> wanted.contains(
                r.getString(0))).collectAsList()) {
            List<Float> values = r.getList(1);
            float[] f = new float[values.size()];
            for (int i = 0; i < f.length; i++) {
                f[i] = values.get(i);
            }
            out.put(r.getString(0), f);
        }
        return out;
    }
}

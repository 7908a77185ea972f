package org.sparklstm.ml;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.util.SerializableConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.sparklstm.models.classify.ClassifierBundle;
import org.sparklstm.pipeline.classify.ClassifierScorer;

/**
 * Saved models as SQL functions: {@code LstmUdfs.register(spark, "sentiment", modelPath)}, then
 * {@code SELECT sentiment(review) FROM reviews} gives each text's predicted class name (null for a null or blank
 * text). Each executor loads the model from its path once, and each of its task threads keeps a network of its own.
 */
public final class LstmUdfs {

    /** Models loaded in this JVM, by path. */
    private static final Map<String, ClassifierBundle> LOADED = new ConcurrentHashMap<>();
    /** Each thread's copy of a loaded model's network (a network is not shared between threads), by path. */
    private static final ThreadLocal<Map<String, MultiLayerNetwork>> NETWORKS = ThreadLocal.withInitial(HashMap::new);

    private LstmUdfs() {
    }

    /** Registers the classifier saved at {@code modelPath} (by Spark ML or the command line) as {@code name}. */
    public static void register(SparkSession spark, String name, String modelPath) {
        SerializableConfiguration hadoop = new SerializableConfiguration(spark.sparkContext().hadoopConfiguration());
        String path = new Path(modelPath).toString();
        ClassifierBundle checked = load(path, hadoop);
        LOADED.putIfAbsent(path, checked);
        spark.udf().register(name, (UDF1<String, String>) text -> predict(path, hadoop, text), DataTypes.StringType);
    }

    private static String predict(String path, SerializableConfiguration hadoop, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        ClassifierBundle bundle = LOADED.computeIfAbsent(path, p -> load(p, hadoop));
        MultiLayerNetwork net = NETWORKS.get().computeIfAbsent(path, p -> bundle.network().clone());
        double[] p = ClassifierScorer.probabilities(net, List.of(bundle.preparation().ids(text)),
                bundle.labels().size(), 1)[0];
        return bundle.labels().name(ClassifierScorer.argmax(p));
    }

    private static ClassifierBundle load(String path, SerializableConfiguration hadoop) {
        try {
            return ClassifierBundle.load(new Path(path), hadoop.value());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot load a classifier from " + path + ": " + e.getMessage(), e);
        }
    }
}

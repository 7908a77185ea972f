package org.sparklstm.ml.sql;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.fs.Path;
import org.apache.spark.util.SerializableConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.sparklstm.models.classify.ClassifierBundle;
import org.sparklstm.pipeline.classify.ClassifierScorer;

/**
 * The classifiers that SQL functions apply, loaded once per JVM from their saved directories; each task thread keeps
 * a network of its own, since a network is not shared between threads.
 */
public final class SavedClassifiers {

    /** Texts scored in one forward pass. */
    static final int BATCH_SIZE = 128;

    private static final Map<String, ClassifierBundle> LOADED = new ConcurrentHashMap<>();
    private static final ThreadLocal<Map<String, MultiLayerNetwork>> NETWORKS = ThreadLocal.withInitial(HashMap::new);

    private SavedClassifiers() {
    }

    /** Loads (or finds) the classifier at {@code path}; a directory without one fails here, not in a task. */
    public static ClassifierBundle get(String path, SerializableConfiguration hadoop) {
        return LOADED.computeIfAbsent(path, p -> {
            try {
                return ClassifierBundle.load(new Path(p), hadoop.value());
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot load a classifier from " + p + ": " + e.getMessage(), e);
            }
        });
    }

    /** The predicted class name of each text, null for a null or blank text; scored {@value #BATCH_SIZE} at a time. */
    public static String[] predict(String path, SerializableConfiguration hadoop, List<String> texts) {
        ClassifierBundle bundle = get(path, hadoop);
        MultiLayerNetwork net = NETWORKS.get().computeIfAbsent(path, p -> bundle.network().clone());
        List<int[]> ids = new ArrayList<>(texts.size());
        List<Integer> scored = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i);
            if (text != null && !text.isBlank()) {
                ids.add(bundle.preparation().ids(text));
                scored.add(i);
            }
        }
        String[] names = new String[texts.size()];
        if (!ids.isEmpty()) {
            double[][] p = ClassifierScorer.probabilities(net, ids, bundle.labels().size(), BATCH_SIZE);
            for (int k = 0; k < p.length; k++) {
                names[scored.get(k)] = bundle.labels().name(ClassifierScorer.argmax(p[k]));
            }
        }
        return names;
    }
}

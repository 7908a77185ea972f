package org.sparklstm.pipeline.classify;

import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.sparklstm.models.classify.Labels;
import org.sparklstm.models.classify.TextPreparation;

/**
 * Labelled texts made ready for a classifier: training and held-out rows, the test rows (null without a
 * test path), the classes and the text preparation learned from the training rows, and the Word2Vec
 * vectors for the embedding (empty without Word2Vec).
 */
record ClassifyData(LabelledTextIngest.Result input, LabelledTextIngest.Result test, JavaRDD<LabelledText> trainRows,
                    JavaRDD<LabelledText> validationRows, long trainCount, long validationCount, Labels labels,
                    TextPreparation preparation, Map<String, float[]> vectors, int vectorRows) {

    long quarantined() {
        return input.quarantinedCount() + (test == null ? 0 : test.quarantinedCount());
    }

    long testCount() {
        return test == null ? 0 : test.count();
    }
}

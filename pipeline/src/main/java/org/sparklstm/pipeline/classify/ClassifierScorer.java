package org.sparklstm.pipeline.classify;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.sparklstm.models.classify.Labels;
import org.sparklstm.models.classify.TextBlock;
import org.sparklstm.models.classify.TextPreparation;
import org.sparklstm.models.train.NetworkState;
import org.sparklstm.models.train.WorkerNetworks;
import scala.Tuple2;

/** evaluate / predict for classifiers, on the executors: class probabilities of every row, in minibatches of similar length. */
public final class ClassifierScorer {

    /** One row's outcome; {@code label} is -1 when the row has none (or one the classifier does not know). */
    public record Prediction(String rowId, String labelName, int label, int predicted, double[] probabilities)
            implements Serializable {
    }

    private ClassifierScorer() {
    }

    public static JavaRDD<Prediction> predict(JavaRDD<LabelledText> texts, String networkJson, NetworkState state,
                                              TextPreparation preparation, Labels labels, int batchSize) {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(texts.context());
        Broadcast<NetworkState> shared = sc.broadcast(state);
        Broadcast<TextPreparation> prep = sc.broadcast(preparation);
        int classes = labels.size();
        return texts.mapPartitions(it -> {
            List<LabelledText> rows = new ArrayList<>();
            it.forEachRemaining(rows::add);
            if (rows.isEmpty()) {
                return List.<Prediction>of().iterator();
            }
            List<Tuple2<int[], Integer>> encoded = new ArrayList<>();
            for (LabelledText r : rows) {
                int label = r.label() == null ? -1 : labels.index(r.label());
                encoded.add(new Tuple2<>(prep.value().ids(r.text()), label));
            }
            TextBlock block = TextBlocks.pack(classes, encoded);
            MultiLayerNetwork net = WorkerNetworks.get(networkJson);
            shared.value().applyTo(net);
            List<Prediction> out = new ArrayList<>(rows.size());
            // the plan buckets by length: little padding, and the mask hides the rest
            org.sparklstm.models.train.MinibatchPlan plan = block.plan(batchSize, 0, 0, 0);
            for (int b = 0; b < plan.size(); b++) {
                int[] batch = plan.batch(b);
                DataSet ds = block.minibatch(batch);
                INDArray p = net.output(ds.getFeatures(), false, ds.getFeaturesMaskArray(), null);
                for (int i = 0; i < batch.length; i++) {
                    double[] probabilities = p.getRow(i).toDoubleVector();
                    int best = 0;
                    for (int c = 1; c < classes; c++) {
                        if (probabilities[c] > probabilities[best]) {
                            best = c;
                        }
                    }
                    LabelledText row = rows.get(batch[i]);
                    out.add(new Prediction(row.rowId(), row.label(), block.label(batch[i]), best, probabilities));
                }
            }
            return out.iterator();
        });
    }
}

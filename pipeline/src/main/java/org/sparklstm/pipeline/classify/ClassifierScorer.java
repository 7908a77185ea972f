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
import org.sparklstm.models.train.MinibatchPlan;
import org.sparklstm.models.train.NetworkState;
import org.sparklstm.models.train.WorkerNetworks;
import org.sparklstm.pipeline.io.Chunks;
import scala.Tuple2;

/**
 * evaluate / predict for classifiers, on the executors: class probabilities of every row, a chunk of rows at a
 * time (so a partition is never held whole), each chunk in minibatches of similar length.
 */
public final class ClassifierScorer {

    /** Rows scored together: minibatches of similar length are planned within a chunk of this many batches. */
    private static final int BATCHES_PER_CHUNK = 16;

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
        return texts.mapPartitions(rows -> {
            if (!rows.hasNext()) {
                return List.<Prediction>of().iterator();
            }
            MultiLayerNetwork net = WorkerNetworks.get(networkJson);
            shared.value().applyTo(net);
            return Chunks.flatMap(rows, chunkSize(batchSize), chunk -> {
                List<int[]> ids = chunk.stream().map(r -> prep.value().ids(r.text())).toList();
                double[][] probabilities = probabilities(net, ids, labels.size(), batchSize);
                List<Prediction> out = new ArrayList<>(chunk.size());
                for (int i = 0; i < chunk.size(); i++) {
                    LabelledText row = chunk.get(i);
                    int label = row.label() == null ? -1 : labels.index(row.label());
                    out.add(new Prediction(row.rowId(), row.label(), label, argmax(probabilities[i]),
                            probabilities[i]));
                }
                return out;
            });
        });
    }

    /** How many rows are scored together for minibatches of {@code batchSize}. */
    public static int chunkSize(int batchSize) {
        return batchSize * BATCHES_PER_CHUNK;
    }

    /**
     * The class probabilities of each encoded text, in input order: minibatches of similar length (little padding,
     * and the mask hides the rest).
     */
    public static double[][] probabilities(MultiLayerNetwork net, List<int[]> texts, int classes, int batchSize) {
        List<Tuple2<int[], Integer>> encoded = texts.stream().map(ids -> new Tuple2<>(ids, -1)).toList();
        TextBlock block = TextBlocks.pack(classes, encoded);
        double[][] out = new double[texts.size()][];
        MinibatchPlan plan = block.plan(batchSize, 0, 0, 0);
        for (int b = 0; b < plan.size(); b++) {
            int[] batch = plan.batch(b);
            DataSet ds = block.minibatch(batch);
            INDArray p = net.output(ds.getFeatures(), false, ds.getFeaturesMaskArray(), null);
            for (int i = 0; i < batch.length; i++) {
                out[batch[i]] = p.getRow(i).toDoubleVector();
            }
        }
        return out;
    }

    public static int argmax(double[] probabilities) {
        int best = 0;
        for (int c = 1; c < probabilities.length; c++) {
            if (probabilities[c] > probabilities[best]) {
                best = c;
            }
        }
        return best;
    }
}

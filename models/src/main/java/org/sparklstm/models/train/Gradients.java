package org.sparklstm.models.train;

import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.BackpropType;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Synchronous data parallelism with DL4J's own arithmetic: workers compute the summed gradient of
 * their part of a minibatch; the driver adds the parts and applies one update exactly as DL4J's
 * {@code fit} would (divide by the whole minibatch, per-layer clipping, Adam, step).
 */
public final class Gradients {

    private Gradients() {
    }

    /** The gradient of one minibatch, summed over its examples (DL4J divides by the batch in the updater). */
    public record Part(float[] sum, int examples, double lossSum) implements java.io.Serializable {
    }

    public static Part compute(MultiLayerNetwork net, DataSet minibatch) {
        requireOneSegment(net, minibatch);
        net.rnnClearPreviousState();
        net.setInput(minibatch.getFeatures());
        net.setLabels(minibatch.getLabels());
        // as fit does: without the masks, padding would count
        net.setLayerMaskArrays(minibatch.getFeaturesMaskArray(), minibatch.getLabelsMaskArray());
        net.computeGradientAndScore();
        net.clearLayerMaskArrays();
        int examples = (int) minibatch.getFeatures().size(0);
        // DL4J's score is the summed loss divided by the minibatch size
        return new Part(net.getFlattenedGradients().dup().data().asFloat(), examples, net.score() * examples);
    }

    /** Applies the summed gradient of {@code examples} examples as one update of {@code net}. */
    public static void apply(MultiLayerNetwork net, double[] sum, int examples) {
        INDArray flat = net.getFlattenedGradients();
        float[] values = new float[sum.length];
        for (int i = 0; i < sum.length; i++) {
            values[i] = (float) sum[i];
        }
        flat.assign(org.nd4j.linalg.factory.Nd4j.createFromArray(values).reshape(flat.shape()));
        MultiLayerConfiguration conf = net.getLayerWiseConfigurations();
        int iteration = conf.getIterationCount();
        net.getUpdater().update(net, viewsOf(net), iteration, conf.getEpochCount(), examples,
                LayerWorkspaceMgr.noWorkspaces());
        net.params().subi(flat);
        conf.setIterationCount(iteration + 1);
    }

    /** A gradient whose arrays are the network's own gradient views, as DL4J's updater expects. */
    private static Gradient viewsOf(MultiLayerNetwork net) {
        Gradient g = new DefaultGradient(net.getFlattenedGradients());
        for (int i = 0; i < net.getnLayers(); i++) {
            Layer layer = net.getLayer(i);
            if (layer.numParams() == 0) {
                continue;
            }
            for (Map.Entry<String, INDArray> e : GradientViews.of(layer).entrySet()) {
                g.setGradientFor(i + "_" + e.getKey(), e.getValue());
            }
        }
        return g;
    }

    /** One gradient per minibatch is exact only when truncated BPTT cuts a sequence into one segment. */
    private static void requireOneSegment(MultiLayerNetwork net, DataSet minibatch) {
        MultiLayerConfiguration conf = net.getLayerWiseConfigurations();
        if (conf.getBackpropType() == BackpropType.TruncatedBPTT && minibatch.getFeatures().rank() == 3
                && minibatch.getFeatures().size(2) > conf.getTbpttFwdLength()) {
            throw new IllegalArgumentException("train.trainer = sync-gradients needs train.tbptt-length 0 or >= the "
                    + "sequence's " + minibatch.getFeatures().size(2) + " steps (got " + conf.getTbpttFwdLength() + ")");
        }
    }
}

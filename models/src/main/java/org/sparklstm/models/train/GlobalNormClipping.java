package org.sparklstm.models.train;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;

/**
 * One training step that clips the gradient's global L2 norm, over every parameter of the network, as PyTorch's
 * {@code clip_grad_norm_} and the references do. DL4J clips per layer only, so the step is DL4J's fit taken
 * apart: the gradient of the minibatch, scaled down when its norm (per example, as the updater sees it) is
 * above {@code maxNorm}, then DL4J's own update (Adam). The network must have no gradient normalization of its
 * own, and a window must be one BPTT segment.
 */
public final class GlobalNormClipping {

    private GlobalNormClipping() {
    }

    /** Fits one minibatch; the network's score is the minibatch's, as after {@code fit}. */
    public static void fit(MultiLayerNetwork net, DataSet minibatch, double maxNorm) {
        Gradients.Part part = Gradients.compute(net, minibatch);
        Gradients.apply(net, clipped(part.sum(), part.examples(), maxNorm), part.examples());
    }

    /** The summed gradient of {@code examples} examples, scaled so that its mean's L2 norm is at most maxNorm. */
    public static double[] clipped(float[] sum, int examples, double maxNorm) {
        double[] out = new double[sum.length];
        for (int i = 0; i < sum.length; i++) {
            out[i] = sum[i];
        }
        return clipped(out, examples, maxNorm);
    }

    /** As {@link #clipped(float[], int, double)}, in place. */
    public static double[] clipped(double[] sum, int examples, double maxNorm) {
        double squares = 0;
        for (double g : sum) {
            squares += g * g;
        }
        double norm = Math.sqrt(squares) / examples;
        if (norm > maxNorm) {
            double scale = maxNorm / norm;
            for (int i = 0; i < sum.length; i++) {
                sum[i] *= scale;
            }
        }
        return sum;
    }
}

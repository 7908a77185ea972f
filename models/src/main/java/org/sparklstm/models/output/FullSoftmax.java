package org.sparklstm.models.output;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The exact softmax over the whole vocabulary, on rows {@code x [N, nIn]} with one target id per row. The gradient
 * of the cross-entropy with respect to the logits is the probabilities minus 1 at each row's target, so the
 * targets are subtracted in place and never expanded to one-hot rows.
 */
final class FullSoftmax {

    /** Probabilities are floored here before the log, as DL4J's MCXENT clips its softmax output. */
    static final double MIN_PROBABILITY = 1e-30;

    private FullSoftmax() {
    }

    /** Softmax probabilities {@code [N, V]}. */
    static INDArray probabilities(INDArray x, INDArray w, INDArray b) {
        INDArray logits = x.mmul(w).addiRowVector(b);
        return Transforms.softmax(logits, false);
    }

    /** Each row's negative log-likelihood of its target under probabilities {@code [N, V]}. */
    static double[] rowLosses(INDArray probabilities, int[] targets) {
        double[] losses = new double[targets.length];
        for (int r = 0; r < targets.length; r++) {
            losses[r] = -Math.log(Math.max(probabilities.getDouble(r, targets[r]), MIN_PROBABILITY));
        }
        return losses;
    }

    /** Summed negative log-likelihood of the targets under probabilities {@code [N, V]}. */
    static double lossSum(INDArray probabilities, int[] targets) {
        return Arrays.stream(rowLosses(probabilities, targets)).sum();
    }

    /** Loss and gradients; the parameter gradients (summed over rows, as DL4J's) overwrite gradW and gradB. */
    static SoftmaxBackward backward(INDArray x, int[] targets, INDArray w, INDArray b, INDArray gradW,
                                    INDArray gradB) {
        INDArray delta = probabilities(x, w, b);
        double loss = lossSum(delta, targets);
        for (int r = 0; r < targets.length; r++) {
            delta.putScalar(r, targets[r], delta.getDouble(r, targets[r]) - 1);
        }
        Nd4j.gemm(x, delta, gradW, true, false, 1.0, 0.0);
        gradB.assign(delta.sum(0));
        return new SoftmaxBackward(loss, delta.mmul(w.transpose()));
    }
}

package org.sparklstm.models.output;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scatter.ScatterUpdate;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The adaptive softmax (Grave et al. 2017), an exact distribution over the vocabulary that is cheap to train when
 * ids are sorted by descending frequency. Cutoffs {@code c0 < c1 < ...} split the ids into a head {@code [0, c0)}
 * and tail clusters {@code [c0, c1), [c1, c2), ..., [c_last, V)}. Every row computes the head softmax over the head's
 * ids plus one logit per cluster; only the rows whose target lies in a cluster compute that cluster's softmax, and
 * {@code P(id) = P_head(cluster) * P_cluster(id)}. The ids' weights are the columns of the usual {@code W [nIn, V]}
 * and {@code b [1, V]} (so a tied embedding still is one matrix); the cluster logits have their own
 * {@code clusterW [nIn, K]} and {@code clusterB [1, K]}. Tails keep the full width (no projection).
 */
final class AdaptiveSoftmax {

    /** The head's size, then each cluster's end: {@code [c0, c1, ..., V]}. */
    private final int[] ends;

    /** The weights of one adaptive softmax, or their gradients. */
    record Params(INDArray w, INDArray b, INDArray clusterW, INDArray clusterB) {
    }

    AdaptiveSoftmax(int[] cutoffs, int vocabularySize) {
        check(cutoffs, vocabularySize);
        this.ends = Arrays.copyOf(cutoffs, cutoffs.length + 1);
        ends[cutoffs.length] = vocabularySize;
    }

    /** Cutoffs must rise strictly within {@code (0, V)}. */
    static void check(int[] cutoffs, int vocabularySize) {
        if (cutoffs.length == 0) {
            throw new IllegalArgumentException("an adaptive softmax needs at least one cutoff");
        }
        int previous = 0;
        for (int c : cutoffs) {
            if (c <= previous || c >= vocabularySize) {
                throw new IllegalArgumentException("adaptive softmax cutoffs " + Arrays.toString(cutoffs)
                        + " must rise strictly between 0 and the vocabulary size " + vocabularySize);
            }
            previous = c;
        }
    }

    /** The exact probabilities {@code [N, V]}: for generation and outputs, never for training. */
    INDArray probabilities(INDArray x, Params p) {
        INDArray head = headProbabilities(x, p);
        int c0 = ends[0];
        INDArray out = Nd4j.create(x.dataType(), x.size(0), ends[ends.length - 1]);
        out.get(NDArrayIndex.all(), NDArrayIndex.interval(0, c0)).assign(head.get(NDArrayIndex.all(),
                NDArrayIndex.interval(0, c0)));
        for (int k = 0; k < clusters(); k++) {
            INDArrayIndex ids = columns(k);
            INDArray tail = Transforms.softmax(x.mmul(p.w().get(NDArrayIndex.all(), ids))
                    .addiRowVector(p.b().get(NDArrayIndex.all(), ids)), false);
            out.get(NDArrayIndex.all(), ids).assign(tail.muliColumnVector(head.getColumn(c0 + k, true)));
        }
        return out;
    }

    /** Each row's negative log-likelihood of its target. */
    double[] rowLosses(INDArray x, int[] targets, Params p) {
        double[] losses = new double[targets.length];
        INDArray head = headProbabilities(x, p);
        addHeadLosses(head, targets, losses);
        for (int k = 0; k < clusters(); k++) {
            int[] rows = rowsOf(k, targets);
            if (rows.length > 0) {
                INDArray tail = tailProbabilities(Nd4j.pullRows(x, 1, rows), k, p);
                for (int i = 0; i < rows.length; i++) {
                    losses[rows[i]] -= log(tail.getDouble(i, targets[rows[i]] - ends[k]));
                }
            }
        }
        return losses;
    }

    /** Loss and gradients; {@code grad}'s arrays are overwritten (a cluster no target falls in gets zeros). */
    SoftmaxBackward backward(INDArray x, int[] targets, Params p, Params grad) {
        double[] losses = new double[targets.length];
        int c0 = ends[0];
        INDArray delta = headProbabilities(x, p);
        addHeadLosses(delta, targets, losses);
        for (int r = 0; r < targets.length; r++) {
            int column = headColumn(targets[r]);
            delta.putScalar(r, column, delta.getDouble(r, column) - 1);
        }
        INDArray headGradW = x.transpose().mmul(delta);
        INDArray headGradB = delta.sum(true, 0);
        grad.w().get(NDArrayIndex.all(), NDArrayIndex.interval(0, c0))
                .assign(headGradW.get(NDArrayIndex.all(), NDArrayIndex.interval(0, c0)));
        grad.b().get(NDArrayIndex.all(), NDArrayIndex.interval(0, c0))
                .assign(headGradB.get(NDArrayIndex.all(), NDArrayIndex.interval(0, c0)));
        grad.clusterW().assign(headGradW.get(NDArrayIndex.all(), NDArrayIndex.interval(c0, c0 + clusters())));
        grad.clusterB().assign(headGradB.get(NDArrayIndex.all(), NDArrayIndex.interval(c0, c0 + clusters())));
        // the head's columns and the clusters' against their own weights: no concatenated copy of the weights
        INDArray inputGradient = delta.get(NDArrayIndex.all(), NDArrayIndex.interval(0, c0))
                .mmul(p.w().get(NDArrayIndex.all(), NDArrayIndex.interval(0, c0)).transpose())
                .addi(delta.get(NDArrayIndex.all(), NDArrayIndex.interval(c0, c0 + clusters()))
                        .mmul(p.clusterW().transpose()));
        for (int k = 0; k < clusters(); k++) {
            INDArrayIndex ids = columns(k);
            INDArray gradWk = grad.w().get(NDArrayIndex.all(), ids);
            INDArray gradBk = grad.b().get(NDArrayIndex.all(), ids);
            int[] rows = rowsOf(k, targets);
            if (rows.length == 0) {
                gradWk.assign(0);
                gradBk.assign(0);
                continue;
            }
            INDArray xk = Nd4j.pullRows(x, 1, rows);
            INDArray tail = tailProbabilities(xk, k, p);
            for (int i = 0; i < rows.length; i++) {
                int column = targets[rows[i]] - ends[k];
                double q = tail.getDouble(i, column);
                losses[rows[i]] -= log(q);
                tail.putScalar(i, column, q - 1);
            }
            gradWk.assign(xk.transpose().mmul(tail));
            gradBk.assign(tail.sum(true, 0));
            // each tail row's gradient adds to its own row of the input gradient; rows are distinct
            Nd4j.scatterUpdate(ScatterUpdate.UpdateOp.ADD, inputGradient, Nd4j.createFromArray(rows),
                    tail.mmul(p.w().get(NDArrayIndex.all(), ids).transpose()), 1);
        }
        return new SoftmaxBackward(Arrays.stream(losses).sum(), inputGradient);
    }

    private int clusters() {
        return ends.length - 1;
    }

    /** The ids of cluster k, as a column range of W and b. */
    private INDArrayIndex columns(int k) {
        return NDArrayIndex.interval(ends[k], ends[k + 1]);
    }

    /** The head softmax {@code [N, c0 + K]}: the head's ids, then one column per cluster. */
    private INDArray headProbabilities(INDArray x, Params p) {
        int c0 = ends[0];
        INDArray logits = Nd4j.hstack(
                x.mmul(p.w().get(NDArrayIndex.all(), NDArrayIndex.interval(0, c0)))
                        .addiRowVector(p.b().get(NDArrayIndex.all(), NDArrayIndex.interval(0, c0))),
                x.mmul(p.clusterW()).addiRowVector(p.clusterB()));
        return Transforms.softmax(logits, false);
    }

    private INDArray tailProbabilities(INDArray rows, int k, Params p) {
        INDArrayIndex ids = columns(k);
        return Transforms.softmax(rows.mmul(p.w().get(NDArrayIndex.all(), ids))
                .addiRowVector(p.b().get(NDArrayIndex.all(), ids)), false);
    }

    private void addHeadLosses(INDArray head, int[] targets, double[] losses) {
        for (int r = 0; r < targets.length; r++) {
            losses[r] -= log(head.getDouble(r, headColumn(targets[r])));
        }
    }

    /** A head id's own column, or the column of the cluster a tail id falls in. */
    private int headColumn(int id) {
        return id < ends[0] ? id : ends[0] + clusterOf(id);
    }

    private int clusterOf(int id) {
        int k = 0;
        while (id >= ends[k + 1]) {
            k++;
        }
        return k;
    }

    /** The rows whose target lies in cluster k. */
    private int[] rowsOf(int k, int[] targets) {
        return IntStream.range(0, targets.length)
                .filter(r -> targets[r] >= ends[k] && targets[r] < ends[k + 1]).toArray();
    }

    private static double log(double probability) {
        return Math.log(Math.max(probability, FullSoftmax.MIN_PROBABILITY));
    }
}

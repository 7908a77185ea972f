package org.sparklstm.models.output;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scatter.ScatterUpdate;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Sampled softmax for training (Jean et al. 2015, as TensorFlow's {@code sampled_softmax_loss}): each row's
 * softmax runs over its own target and {@code k} distinct ids drawn log-uniformly for the whole minibatch, with
 * every logit corrected by the log of its id's expected count, and a drawn id that is the row's target counted once,
 * as the target. The cost is {@code N x (k + distinct targets) x nIn} per product instead of {@code N x V x nIn}.
 * Only training uses it: evaluation and generation always use the exact softmax.
 */
final class SampledSoftmax {

    /** A logit that takes no part in a row's softmax (another row's target). */
    private static final float EXCLUDED = -1e30f;

    private final int samples;
    private final LogUniformSampler sampler;

    SampledSoftmax(int vocabularySize, int samples) {
        this.samples = samples;
        this.sampler = new LogUniformSampler(vocabularySize);
    }

    /** Loss and gradients; gradW and gradB are overwritten (zero outside the candidate ids). */
    SoftmaxBackward backward(INDArray x, int[] targets, INDArray w, INDArray b, INDArray gradW, INDArray gradB,
                             SplittableRandom random) {
        LogUniformSampler.Draw draw = sampler.draw(samples, random);
        Candidates c = Candidates.of(draw.ids(), targets, (int) w.size(1));
        INDArray wRows = Nd4j.pullRows(w.transpose(), 1, c.ids());
        double[] bias = b.toDoubleVector();
        double[] shift = new double[c.ids().length];
        for (int j = 0; j < shift.length; j++) {
            shift[j] = bias[c.ids()[j]] - sampler.logExpectedCount(c.ids()[j], draw.tries());
        }
        INDArray logits = x.mmul(wRows.transpose())
                .addiRowVector(Nd4j.createFromArray(shift).castTo(x.dataType()).reshape(1, shift.length));
        excludeOtherRowsTargets(logits, c);
        INDArray delta = Transforms.softmax(logits, false);
        double loss = 0;
        for (int r = 0; r < targets.length; r++) {
            double p = delta.getDouble(r, c.column(r));
            loss -= Math.log(Math.max(p, FullSoftmax.MIN_PROBABILITY));
            delta.putScalar(r, c.column(r), p - 1);
        }
        INDArray candidateGradW = delta.transpose().mmul(x);
        INDArray candidateGradB = delta.sum(0);
        gradW.assign(0);
        gradB.assign(0);
        // the candidates are distinct ids: one scatter places every candidate's row of the gradient
        Nd4j.scatterUpdate(ScatterUpdate.UpdateOp.ADD, gradW.transpose(), Nd4j.createFromArray(c.ids()),
                candidateGradW, 1);
        double[] candidateBias = candidateGradB.toDoubleVector();
        for (int j = 0; j < candidateBias.length; j++) {
            gradB.putScalar(c.ids()[j], candidateBias[j]);
        }
        return new SoftmaxBackward(loss, delta.mmul(wRows));
    }

    /**
     * Columns from {@code samples} on are targets that were not drawn: each belongs to the rows whose target it is,
     * and is excluded from the others' softmax.
     */
    private void excludeOtherRowsTargets(INDArray logits, Candidates c) {
        int columns = c.ids().length;
        if (columns == samples) {
            return;
        }
        double[] own = new double[c.rows()];
        for (int r = 0; r < own.length; r++) {
            own[r] = logits.getDouble(r, c.column(r));
        }
        logits.get(NDArrayIndex.all(), NDArrayIndex.interval(samples, columns)).assign(EXCLUDED);
        for (int r = 0; r < own.length; r++) {
            if (c.column(r) >= samples) {
                logits.putScalar(r, c.column(r), own[r]);
            }
        }
    }

    /** The candidate ids (the drawn ones first, then the targets not drawn) and each row's target column. */
    private record Candidates(int[] ids, int[] columns) {

        static Candidates of(int[] drawn, int[] targets, int vocabularySize) {
            int[] columnOf = new int[vocabularySize];
            Arrays.fill(columnOf, -1);
            int[] ids = Arrays.copyOf(drawn, drawn.length + targets.length);
            int n = drawn.length;
            for (int j = 0; j < n; j++) {
                columnOf[drawn[j]] = j;
            }
            int[] columns = new int[targets.length];
            for (int r = 0; r < targets.length; r++) {
                int t = targets[r];
                if (columnOf[t] < 0) {
                    columnOf[t] = n;
                    ids[n++] = t;
                }
                columns[r] = columnOf[t];
            }
            return new Candidates(Arrays.copyOf(ids, n), columns);
        }

        int rows() {
            return columns.length;
        }

        int column(int row) {
            return columns[row];
        }
    }
}

package org.sparklstm.models.lstm;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.same.TimesOneMinus;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Tanh;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.sparklstm.models.layers.OwnRecurrentKernel;

/**
 * The LSTM math of DL4J's {@code LSTM} (no peepholes, sigmoid gates, tanh) for one sequence shape
 * [minibatch N, time T, nIn I, hidden H], on buffers allocated once (outside any workspace) and reused.
 *
 * <p>Gate rows follow DL4J's column order: [0,H) block input a (tanh), [H,2H) forget f, [2H,3H) output o,
 * [3H,4H) input gate g; c_t = f*c_{t-1} + g*a, h_t = o*tanh(c_t).
 *
 * <p>Layout, chosen because libnd4j's element-wise ops are fast only on contiguous arrays (strided views run
 * 4-35x slower): every per-step quantity is a contiguous [rows, N] slab of a [T, rows, N] buffer, so each gate
 * block of a step is a contiguous [H, N] chunk. Each step's layer input is one slab [x_t; h_{t-1}; 1] of K = I+H+1
 * rows, so one GEMM with the stacked weights [W; RW; b] gives the input projection, the recurrent term and the
 * bias together, and in backward one GEMM gives dx_t and the recurrent dh_{t-1}. The weight gradient is one
 * GEMM over all steps after regrouping the slabs.
 */
final class FusedLstmKernel extends OwnRecurrentKernel {

    private final int k;

    /** [W; RW; b] as [K, 4H], 'f' so that each source is a block of rows. */
    private final INDArray stackedWeights;
    /** Step inputs [T+1, K, N]: rows [0,I) x_t, [I,I+H) h_{t-1}, K-1 ones; slab T only holds h_{T-1}. */
    private final INDArray xh;
    /** Gate pre-activations, then (in place) activations, [T, 4H, N]. */
    private final INDArray z;
    /** Cell states [T+1, H, N]; slab 0 is the initial state. */
    private final INDArray c;
    /** tanh(c_t), [T, H, N]. */
    private final INDArray tanhC;
    private final INDArray scratch;

    private INDArray dz;
    private INDArray dh;
    private INDArray dxh;
    private INDArray gateSlopes;
    private INDArray oneMinusTanhC2;
    private INDArray dc;
    private INDArray dcCarry;
    private INDArray dStacked;

    private final Step[] steps;
    private BackStep[] backSteps;

    /** Views of one step's slabs, built once: view creation costs more Java time than the small ops they feed. */
    private record Step(INDArray in, INDArray hNext, INDArray z, INDArray a, INDArray f, INDArray o, INDArray g,
                        INDArray fog, INDArray cPrev, INDArray c, INDArray tanhC) {
    }

    private record BackStep(INDArray dz, INDArray dzA, INDArray dzF, INDArray dzO, INDArray dzG, INDArray dh,
                            INDArray dxh, INDArray dhFromNext, INDArray slopeF, INDArray slopeO, INDArray slopeG,
                            INDArray oneMinusTanhC2) {
    }

    FusedLstmKernel(DataType type, int n, int t, int nIn, int h) {
        super(type, n, t, nIn, h);
        this.k = nIn + h + 1;
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            stackedWeights = Nd4j.create(type, new long[] {k, 4L * h}, 'f');
            xh = Nd4j.create(type, new long[] {t + 1, k, n}, 'c');
            z = Nd4j.create(type, new long[] {t, 4L * h, n}, 'c');
            c = Nd4j.create(type, new long[] {t + 1, h, n}, 'c');
            tanhC = Nd4j.create(type, new long[] {t, h, n}, 'c');
            scratch = Nd4j.create(type, new long[] {h, n}, 'c');
        }
        xh.get(NDArrayIndex.all(), NDArrayIndex.point(k - 1), NDArrayIndex.all()).assign(1.0);
        steps = new Step[t];
        for (int s = 0; s < t; s++) {
            INDArray zs = z.slice(s);
            steps[s] = new Step(xh.slice(s), rows(xh.slice(s + 1), nIn, nIn + h), zs, rows(zs, 0, h),
                    rows(zs, h, 2 * h), rows(zs, 2 * h, 3 * h), rows(zs, 3 * h, 4 * h), rows(zs, h, 4 * h),
                    c.slice(s), c.slice(s + 1), tanhC.slice(s));
        }
    }

    /**
     * Runs the sequence. input is [N, I, T] (any strides); h0/c0 are [N, H] or null for zeros.
     * Weights: w [I, 4H], rw [H, 4H], b [1, 4H].
     */
    void forward(INDArray input, INDArray w, INDArray rw, INDArray b, INDArray h0, INDArray c0) {
        rows(stackedWeights, 0, nIn).assign(w);
        rows(stackedWeights, nIn, nIn + h).assign(rw);
        rows(stackedWeights, k - 1, k).assign(b);
        xh.get(NDArrayIndex.interval(0, t), NDArrayIndex.interval(0, nIn), NDArrayIndex.all())
                .assign(input.permute(2, 1, 0));
        INDArray firstH = rows(xh.slice(0), nIn, nIn + h);
        if (h0 == null) {
            firstH.assign(0);
        } else {
            firstH.assign(h0.transpose());
        }
        if (c0 == null) {
            c.slice(0).assign(0);
        } else {
            c.slice(0).assign(c0.transpose());
        }
        for (Step s : steps) {
            Nd4j.gemm(stackedWeights, s.in, s.z, true, false, 1.0, 0.0);
            Nd4j.exec(new Tanh(s.a, s.a));
            Nd4j.exec(new Sigmoid(s.fog, s.fog));
            s.f.muli(s.cPrev, s.c);
            s.g.muli(s.a, scratch);
            s.c.addi(scratch);
            Nd4j.exec(new Tanh(s.c, s.tanhC));
            s.o.muli(s.tanhC, s.hNext);
        }
    }

    @Override
    protected void copyOutput(INDArray out) {
        out.permute(2, 1, 0).assign(
                xh.get(NDArrayIndex.interval(1, t + 1), NDArrayIndex.interval(nIn, nIn + h), NDArrayIndex.all()));
    }

    /** h_{T-1} as a new [N, H] array. */
    INDArray lastHidden() {
        return rows(xh.slice(t), nIn, nIn + h).transpose().dup('c');
    }

    /** c_{T-1} as a new [N, H] array. */
    INDArray lastCell() {
        return c.slice(t).transpose().dup('c');
    }

    @Override
    protected void backward(INDArray epsilon, int firstStep, INDArray dW, INDArray dRW, INDArray db, INDArray epsOut) {
        ensureBackwardBuffers();
        dh.assign(epsilon.permute(2, 1, 0));
        // slopes for all steps at once, on whole contiguous buffers: s(1-s) for the gate rows, 1 - tanh(c)^2
        Nd4j.exec(new TimesOneMinus(z, gateSlopes));
        tanhC.muli(tanhC, oneMinusTanhC2);
        oneMinusTanhC2.rsubi(1.0);
        for (int s = t - 1; s >= firstStep; s--) {
            Step f = steps[s];
            BackStep b = backSteps[s];
            if (s < t - 1) {
                BackStep next = backSteps[s + 1];
                // [dx_{s+1}; dh_s from the recurrence; -] = [W; RW; b] dz_{s+1}
                Nd4j.gemm(stackedWeights, next.dz, next.dxh, false, false, 1.0, 0.0);
                b.dh.addi(next.dhFromNext);
            }
            b.dh.muli(f.tanhC, b.dzO);
            b.dzO.muli(b.slopeO);
            b.dh.muli(f.o, dc);
            dc.muli(b.oneMinusTanhC2);
            if (s < t - 1) {
                dc.addi(dcCarry);
            }
            dc.muli(f.f, dcCarry);
            dc.muli(f.cPrev, b.dzF);
            b.dzF.muli(b.slopeF);
            dc.muli(f.a, b.dzG);
            b.dzG.muli(b.slopeG);
            f.a.muli(f.a, scratch);
            scratch.rsubi(1.0);
            dc.muli(f.g, b.dzA);
            b.dzA.muli(scratch);
        }
        Nd4j.gemm(stackedWeights, backSteps[firstStep].dz, backSteps[firstStep].dxh, false, false, 1.0, 0.0);
        epsOut.permute(2, 1, 0).get(NDArrayIndex.interval(firstStep, t), NDArrayIndex.all(), NDArrayIndex.all())
                .assign(dxh.get(NDArrayIndex.interval(firstStep, t), NDArrayIndex.interval(0, nIn),
                        NDArrayIndex.all()));
        weightGradients(firstStep, dW, dRW, db);
    }

    /** d[W; RW; b]^T = sum over steps of dz_s [4H, N] * xh_s^T, as one GEMM after regrouping the steps' columns. */
    private void weightGradients(int firstStep, INDArray dW, INDArray dRW, INDArray db) {
        int used = t - firstStep;
        // the slopes and dxh buffers are free now; reuse them for the regrouped [rows, steps*N] matrices
        INDArray dzAll = gateSlopes.reshape('c', 4L * h, (long) t * n)
                .get(NDArrayIndex.all(), NDArrayIndex.interval(0, (long) used * n));
        INDArray xhAll = dxh.reshape('c', k, (long) t * n)
                .get(NDArrayIndex.all(), NDArrayIndex.interval(0, (long) used * n));
        regroup(dz.get(NDArrayIndex.interval(firstStep, t), NDArrayIndex.all(), NDArrayIndex.all()), dzAll);
        regroup(xh.get(NDArrayIndex.interval(firstStep, t), NDArrayIndex.all(), NDArrayIndex.all()), xhAll);
        Nd4j.gemm(dzAll, xhAll, dStacked, false, true, 1.0, 0.0);
        dW.assign(dStacked.get(NDArrayIndex.all(), NDArrayIndex.interval(0, nIn)).transpose());
        dRW.assign(dStacked.get(NDArrayIndex.all(), NDArrayIndex.interval(nIn, nIn + h)).transpose());
        db.assign(dStacked.get(NDArrayIndex.all(), NDArrayIndex.interval(k - 1, k)).transpose());
    }

    /** [steps, rows, N] slabs into a [rows, steps*N] matrix. */
    private static void regroup(INDArray slabs, INDArray matrix) {
        long stepsUsed = slabs.size(0);
        long rowCount = slabs.size(1);
        long batch = slabs.size(2);
        matrix.reshape('c', rowCount, stepsUsed, batch).permute(1, 0, 2).assign(slabs);
    }

    private void ensureBackwardBuffers() {
        if (dz != null) {
            return;
        }
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            dz = Nd4j.create(type, new long[] {t, 4L * h, n}, 'c');
            dh = Nd4j.create(type, new long[] {t, h, n}, 'c');
            dxh = Nd4j.create(type, new long[] {t, k, n}, 'c');
            gateSlopes = Nd4j.create(type, new long[] {t, 4L * h, n}, 'c');
            oneMinusTanhC2 = Nd4j.create(type, new long[] {t, h, n}, 'c');
            dc = Nd4j.create(type, new long[] {h, n}, 'c');
            dcCarry = Nd4j.create(type, new long[] {h, n}, 'c');
            dStacked = Nd4j.create(type, new long[] {4L * h, k}, 'c');
        }
        backSteps = new BackStep[t];
        for (int s = 0; s < t; s++) {
            INDArray dzs = dz.slice(s);
            INDArray slopes = gateSlopes.slice(s);
            backSteps[s] = new BackStep(dzs, rows(dzs, 0, h), rows(dzs, h, 2 * h), rows(dzs, 2 * h, 3 * h),
                    rows(dzs, 3 * h, 4 * h), dh.slice(s), dxh.slice(s), rows(dxh.slice(s), nIn, nIn + h),
                    rows(slopes, h, 2 * h), rows(slopes, 2 * h, 3 * h), rows(slopes, 3 * h, 4 * h),
                    oneMinusTanhC2.slice(s));
        }
    }
}

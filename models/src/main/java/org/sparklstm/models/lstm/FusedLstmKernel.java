package org.sparklstm.models.lstm;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.same.TimesOneMinus;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Tanh;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The LSTM math of DL4J's {@code LSTM} (no peepholes, sigmoid gates, tanh) for one sequence shape
 * [minibatch N, time T, nIn I, hidden H], on buffers allocated once (outside any workspace) and reused.
 *
 * <p>Layout: every per-time quantity is one c-order matrix with T*N rows, row t*N+n holding example n at
 * time t, so one time step is a contiguous row block and all-time operations are single large calls:
 * the input projection X*W, the weight gradients and the input epsilon are one GEMM each over all steps.
 * Gate columns follow DL4J: [0,H) block input a (tanh), [H,2H) forget f, [2H,3H) output o, [3H,4H) input gate g.
 * c_t = f*c_{t-1} + g*a, h_t = o*tanh(c_t).
 */
final class FusedLstmKernel {

    final int n;
    final int t;
    final int nIn;
    final int h;

    /** Input, [T*N, I]. */
    private final INDArray x;
    /** Pre-activations, then (in place) gate activations, [T*N, 4H]. */
    private final INDArray z;
    /** Cell states with the initial state in the first N rows, [(T+1)*N, H]. */
    private final INDArray c;
    /** tanh(c_t), [T*N, H]. */
    private final INDArray tanhC;
    /** Hidden states with the initial state in the first N rows, [(T+1)*N, H]. */
    private final INDArray hs;
    private final INDArray gTimesA;

    // backward buffers, allocated on first use so inference-only kernels stay small
    private INDArray dz;
    private INDArray dh;
    private INDArray dx;
    private INDArray dcdh;
    private INDArray q;
    private INDArray dc;
    private INDArray dcCarry;

    // per-step views, built once: creating views costs more Java time than the small ops they feed
    private final INDArray[] zStep;
    private final INDArray[] aStep;
    private final INDArray[] fStep;
    private final INDArray[] oStep;
    private final INDArray[] gStep;
    private final INDArray[] fogStep;
    private final INDArray[] cStep;
    private final INDArray[] tanhCStep;
    private final INDArray[] hStep;
    private INDArray[] dzStep;
    private INDArray[] dzA;
    private INDArray[] dzF;
    private INDArray[] dzO;
    private INDArray[] dzG;
    private INDArray[] dhStep;
    private INDArray[] dcdhStep;
    private INDArray[] qA;
    private INDArray[] qF;
    private INDArray[] qO;
    private INDArray[] qG;

    FusedLstmKernel(DataType type, int n, int t, int nIn, int h) {
        this.n = n;
        this.t = t;
        this.nIn = nIn;
        this.h = h;
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            x = Nd4j.create(type, new long[] {(long) t * n, nIn}, 'c');
            z = Nd4j.create(type, new long[] {(long) t * n, 4L * h}, 'c');
            c = Nd4j.create(type, new long[] {(long) (t + 1) * n, h}, 'c');
            tanhC = Nd4j.create(type, new long[] {(long) t * n, h}, 'c');
            hs = Nd4j.create(type, new long[] {(long) (t + 1) * n, h}, 'c');
            gTimesA = Nd4j.create(type, new long[] {n, h}, 'c');
        }
        zStep = steps(z, 0);
        aStep = columns(zStep, 0, h);
        fStep = columns(zStep, h, 2 * h);
        oStep = columns(zStep, 2 * h, 3 * h);
        gStep = columns(zStep, 3 * h, 4 * h);
        fogStep = columns(zStep, h, 4 * h);
        cStep = stepsWithInitial(c);
        tanhCStep = steps(tanhC, 0);
        hStep = stepsWithInitial(hs);
    }

    boolean fits(DataType type, long n, long t, long nIn) {
        return x.dataType() == type && this.n == n && this.t == t && this.nIn == nIn;
    }

    /**
     * Runs the sequence. input is [N, I, T] (any strides); h0/c0 are [N, H] or null for zeros.
     * Weights: w [I, 4H], rw [H, 4H], b [1, 4H].
     */
    void forward(INDArray input, INDArray w, INDArray rw, INDArray b, INDArray h0, INDArray c0) {
        x.reshape('c', t, n, nIn).assign(input.permute(2, 0, 1));
        Nd4j.gemm(x, w, z, false, false, 1.0, 0.0);
        z.addiRowVector(b);
        assignOrZero(hStep[0], h0);
        assignOrZero(cStep[0], c0);
        for (int s = 0; s < t; s++) {
            Nd4j.gemm(hStep[s], rw, zStep[s], false, false, 1.0, 1.0);
            Nd4j.exec(new Tanh(aStep[s], aStep[s]));
            Nd4j.exec(new Sigmoid(fogStep[s], fogStep[s]));
            fStep[s].muli(cStep[s], cStep[s + 1]);
            gStep[s].muli(aStep[s], gTimesA);
            cStep[s + 1].addi(gTimesA);
            Nd4j.exec(new Tanh(cStep[s + 1], tanhCStep[s]));
            oStep[s].muli(tanhCStep[s], hStep[s + 1]);
        }
    }

    /** Hidden outputs of the last forward pass into out, [N, H, T] (any order). */
    void copyOutput(INDArray out) {
        out.permute(2, 0, 1).assign(allSteps(hs, 1).reshape('c', t, n, h));
    }

    INDArray lastHidden() {
        return hStep[t];
    }

    INDArray lastCell() {
        return cStep[t];
    }

    /**
     * Backpropagates epsilon [N, H, T] through time steps [firstStep, T) of the last forward pass
     * (DL4J's truncated BPTT drops the earlier steps). Writes the parameter gradients into the given views
     * (overwriting them) and the input epsilon into epsOut [N, I, T], which must be zero-filled.
     */
    void backward(INDArray epsilon, int firstStep, INDArray w, INDArray rw,
                  INDArray dW, INDArray dRW, INDArray db, INDArray epsOut) {
        ensureBackwardBuffers();
        dh.reshape('c', t, n, h).assign(epsilon.permute(2, 0, 1));
        precomputeLocalDerivatives();
        for (int s = t - 1; s >= firstStep; s--) {
            if (s < t - 1) {
                // dL/dh_s gets the recurrent path from step s+1
                Nd4j.gemm(dzStep[s + 1], rw, dhStep[s], false, true, 1.0, 1.0);
            }
            dhStep[s].muli(qO[s], dzO[s]);
            dhStep[s].muli(dcdhStep[s], dc);
            if (s < t - 1) {
                dc.addi(dcCarry);
            }
            dc.muli(fStep[s], dcCarry);
            dc.muli(qA[s], dzA[s]);
            dc.muli(qF[s], dzF[s]);
            dc.muli(qG[s], dzG[s]);
        }
        long first = (long) firstStep * n;
        long rows = (long) t * n;
        INDArray dzUsed = rowRange(dz, first, rows);
        Nd4j.gemm(rowRange(x, first, rows), dzUsed, dW, true, false, 1.0, 0.0);
        Nd4j.gemm(rowRange(hs, first, rows), dzUsed, dRW, true, false, 1.0, 0.0);
        db.assign(dzUsed.sum(0).reshape(db.shape()));
        INDArray dxUsed = rowRange(dx, first, rows);
        Nd4j.gemm(dzUsed, w, dxUsed, false, true, 1.0, 0.0);
        epsOut.permute(2, 0, 1)
                .get(NDArrayIndex.interval(firstStep, t), NDArrayIndex.all(), NDArrayIndex.all())
                .assign(dxUsed.reshape('c', t - firstStep, n, nIn));
    }

    /**
     * The per-element factors of the backward pass that do not depend on the recurrence, for all steps at once:
     * dc/dh = o*(1-tanh(c)^2); q = [g*(1-a^2), c_prev*f(1-f), tanh(c)*o(1-o), a*g(1-g)] so that
     * dz = q * [dc, dc, dh, dc] per gate block.
     */
    private void precomputeLocalDerivatives() {
        INDArray a = z.get(NDArrayIndex.all(), NDArrayIndex.interval(0, h));
        INDArray o = z.get(NDArrayIndex.all(), NDArrayIndex.interval(2 * h, 3 * h));
        INDArray g = z.get(NDArrayIndex.all(), NDArrayIndex.interval(3 * h, 4 * h));
        INDArray qa = q.get(NDArrayIndex.all(), NDArrayIndex.interval(0, h));
        INDArray qf = q.get(NDArrayIndex.all(), NDArrayIndex.interval(h, 2 * h));
        INDArray qo = q.get(NDArrayIndex.all(), NDArrayIndex.interval(2 * h, 3 * h));
        INDArray qg = q.get(NDArrayIndex.all(), NDArrayIndex.interval(3 * h, 4 * h));

        tanhC.muli(tanhC, dcdh);
        dcdh.rsubi(1.0);
        dcdh.muli(o);

        a.muli(a, qa);
        qa.rsubi(1.0);
        qa.muli(g);

        // sigmoid'(z) = s(1-s) for the three gate blocks in one call
        Nd4j.exec(new TimesOneMinus(z.get(NDArrayIndex.all(), NDArrayIndex.interval(h, 4 * h)),
                q.get(NDArrayIndex.all(), NDArrayIndex.interval(h, 4 * h))));
        qf.muli(allSteps(c, 0));
        qo.muli(tanhC);
        qg.muli(a);
    }

    private void ensureBackwardBuffers() {
        if (dz != null) {
            return;
        }
        DataType type = x.dataType();
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            dz = Nd4j.create(type, new long[] {(long) t * n, 4L * h}, 'c');
            dh = Nd4j.create(type, new long[] {(long) t * n, h}, 'c');
            dx = Nd4j.create(type, new long[] {(long) t * n, nIn}, 'c');
            dcdh = Nd4j.create(type, new long[] {(long) t * n, h}, 'c');
            q = Nd4j.create(type, new long[] {(long) t * n, 4L * h}, 'c');
            dc = Nd4j.create(type, new long[] {n, h}, 'c');
            dcCarry = Nd4j.create(type, new long[] {n, h}, 'c');
        }
        dzStep = steps(dz, 0);
        dzA = columns(dzStep, 0, h);
        dzF = columns(dzStep, h, 2 * h);
        dzO = columns(dzStep, 2 * h, 3 * h);
        dzG = columns(dzStep, 3 * h, 4 * h);
        dhStep = steps(dh, 0);
        dcdhStep = steps(dcdh, 0);
        INDArray[] qStep = steps(q, 0);
        qA = columns(qStep, 0, h);
        qF = columns(qStep, h, 2 * h);
        qO = columns(qStep, 2 * h, 3 * h);
        qG = columns(qStep, 3 * h, 4 * h);
    }

    private INDArray[] steps(INDArray rowsByStep, int firstBlock) {
        INDArray[] views = new INDArray[t];
        for (int s = 0; s < t; s++) {
            views[s] = rowRange(rowsByStep, (long) (s + firstBlock) * n, (long) (s + firstBlock + 1) * n);
        }
        return views;
    }

    /** Views 0..T of a buffer whose first row block is the initial state. */
    private INDArray[] stepsWithInitial(INDArray rowsByStep) {
        INDArray[] views = new INDArray[t + 1];
        for (int s = 0; s <= t; s++) {
            views[s] = rowRange(rowsByStep, (long) s * n, (long) (s + 1) * n);
        }
        return views;
    }

    private INDArray allSteps(INDArray rowsByStep, int firstBlock) {
        return rowRange(rowsByStep, (long) firstBlock * n, (long) (firstBlock + t) * n);
    }

    private static INDArray[] columns(INDArray[] views, int from, int to) {
        INDArray[] out = new INDArray[views.length];
        for (int i = 0; i < views.length; i++) {
            out[i] = views[i].get(NDArrayIndex.all(), NDArrayIndex.interval(from, to));
        }
        return out;
    }

    private static INDArray rowRange(INDArray matrix, long from, long to) {
        return matrix.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
    }

    private static void assignOrZero(INDArray target, INDArray value) {
        if (value == null) {
            target.assign(0);
        } else {
            target.assign(value);
        }
    }
}

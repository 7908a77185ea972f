package org.sparklstm.models.gru;

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
 * The GRU math of {@link Gru} for one sequence shape [minibatch N, time T, nIn I, hidden H], on buffers allocated
 * once (outside any workspace) and reused.
 *
 * <p>Layout as in the project's fused LSTM kernel: every per-step quantity is a contiguous [rows, N] slab of a
 * [T, rows, N] buffer, since libnd4j's element-wise ops are slow on strided views. The input projections
 * W^T x_t + b of all steps are one GEMM before the loop (they do not depend on h); inside the loop one GEMM gives
 * U^T h_{t-1} for all three gates. Backward runs the loop in reverse with one GEMM per step for the recurrent
 * epsilon; the weight gradients and the input epsilon are then one GEMM each over all steps.
 */
final class GruKernel extends OwnRecurrentKernel {

    /** Inputs as an [I, T*N] matrix, i.e. [I, T, N]: one GEMM projects every step. */
    private final INDArray x;
    /** W^T x + b for all steps as [3H, T*N], before regrouping into slabs. */
    private final INDArray xProjMatrix;
    /** W^T x_t + b, [T, 3H, N]. */
    private final INDArray xProj;
    /** U^T h_{t-1}, [T, 3H, N]. */
    private final INDArray hProj;
    /** Activated r, z, n, [T, 3H, N]. */
    private final INDArray gates;
    /** Outputs [T+1, H, N]; slab 0 is the initial state h_{-1}, slab s+1 is h_s. */
    private final INDArray hs;
    private final INDArray scratch;
    /**
     * Own contiguous copies of the weights of the last forward pass: parameter views nested in a wrapper's view
     * (Bidirectional) made every GEMM several times slower.
     */
    private final INDArray w;
    private final INDArray rw;
    private final Step[] steps;
    /** Mask of the last forward pass as [T, N] (row s = step s), or masked == false for none. */
    private INDArray mask;
    private INDArray[] maskRows;
    private boolean masked;

    private INDArray eps;
    private INDArray dXProj;
    private INDArray dHProj;
    private INDArray dh;
    private INDArray dhCarry;
    private INDArray dXProjMatrix;
    private INDArray dHProjMatrix;
    private INDArray hPrevMatrix;
    private INDArray dxMatrix;
    private INDArray slope;
    private BackStep[] backSteps;

    /** Views of one step's slabs, built once: view creation costs more Java time than the small ops they feed. */
    private record Step(INDArray xpRz, INDArray xpN, INDArray hp, INDArray hpRz, INDArray hpN, INDArray rz,
                        INDArray r, INDArray z, INDArray cand, INDArray hPrev, INDArray hNext) {
    }

    /** dXp rows: pre-activation gradients of r, z, n; dHp rows: gradients of U^T h_{t-1} (r, z as dXp, n times r). */
    private record BackStep(INDArray eps, INDArray dXp, INDArray dXpRz, INDArray dR, INDArray dZ, INDArray dN,
                            INDArray dHp, INDArray dHpRz, INDArray dHpN) {
    }

    GruKernel(DataType type, int n, int t, int nIn, int h) {
        super(type, n, t, nIn, h);
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            x = Nd4j.create(type, new long[] {nIn, (long) t * n}, 'c');
            xProjMatrix = Nd4j.create(type, new long[] {3L * h, (long) t * n}, 'c');
            xProj = Nd4j.create(type, new long[] {t, 3L * h, n}, 'c');
            hProj = Nd4j.create(type, new long[] {t, 3L * h, n}, 'c');
            gates = Nd4j.create(type, new long[] {t, 3L * h, n}, 'c');
            hs = Nd4j.create(type, new long[] {t + 1, h, n}, 'c');
            scratch = Nd4j.create(type, new long[] {h, n}, 'c');
            w = Nd4j.create(type, new long[] {nIn, 3L * h}, 'f');
            rw = Nd4j.create(type, new long[] {h, 3L * h}, 'f');
        }
        steps = new Step[t];
        for (int s = 0; s < t; s++) {
            INDArray xp = xProj.slice(s);
            INDArray hp = hProj.slice(s);
            INDArray g = gates.slice(s);
            steps[s] = new Step(rows(xp, 0, 2 * h), rows(xp, 2 * h, 3 * h), hp, rows(hp, 0, 2 * h),
                    rows(hp, 2 * h, 3 * h), rows(g, 0, 2 * h), rows(g, 0, h), rows(g, h, 2 * h),
                    rows(g, 2 * h, 3 * h), hs.slice(s), hs.slice(s + 1));
        }
    }

    /**
     * Runs the sequence. input is [N, I, T] (any strides); h0 is [N, H] or null for zeros; stepMask is [N, T]
     * (1 = real step, 0 = padding, any type) or null for none. As in DL4J's LSTM, a masked step outputs zero and
     * carries zero: h_t = m_t * h'_t, with h'_t the unmasked GRU update.
     * Weights: inputWeights [I, 3H], recurrentWeights [H, 3H], b [1, 3H].
     */
    void forward(INDArray input, INDArray inputWeights, INDArray recurrentWeights, INDArray b, INDArray h0,
                 INDArray stepMask) {
        setMask(stepMask);
        w.assign(inputWeights);
        rw.assign(recurrentWeights);
        x.reshape('c', nIn, t, n).assign(input.permute(1, 2, 0));
        Nd4j.gemm(w, x, xProjMatrix, true, false, 1.0, 0.0);
        xProjMatrix.addiColumnVector(b.reshape(3L * h, 1));
        xProj.assign(xProjMatrix.reshape('c', 3L * h, t, n).permute(1, 0, 2));
        if (h0 == null) {
            hs.slice(0).assign(0);
        } else {
            hs.slice(0).assign(h0.transpose());
        }
        for (int i = 0; i < t; i++) {
            Step s = steps[i];
            Nd4j.gemm(rw, s.hPrev, s.hp, true, false, 1.0, 0.0);
            s.xpRz.addi(s.hpRz, s.rz);
            Nd4j.exec(new Sigmoid(s.rz, s.rz));
            s.r.muli(s.hpN, s.cand);
            s.cand.addi(s.xpN);
            Nd4j.exec(new Tanh(s.cand, s.cand));
            // h = n + z * (h_prev - n)
            s.hPrev.subi(s.cand, scratch);
            scratch.muli(s.z);
            s.cand.addi(scratch, s.hNext);
            if (masked) {
                s.hNext.muliRowVector(maskRows[i]);
            }
        }
    }

    private void setMask(INDArray stepMask) {
        masked = stepMask != null;
        if (!masked) {
            return;
        }
        if (mask == null) {
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                mask = Nd4j.create(type, new long[] {t, n}, 'c');
            }
            maskRows = new INDArray[t];
            for (int s = 0; s < t; s++) {
                maskRows[s] = mask.getRow(s, true);
            }
        }
        mask.assign(stepMask.castTo(type).transpose());
    }

    @Override
    protected void copyOutput(INDArray out) {
        out.permute(2, 1, 0).assign(hs.get(NDArrayIndex.interval(1, t + 1), NDArrayIndex.all(), NDArrayIndex.all()));
    }

    /** h_{T-1} as a new [N, H] array. */
    INDArray lastHidden() {
        return hs.slice(t).transpose().dup('c');
    }

    /**
     * With the mask of the forward pass: at a masked step the gradient into the update is zero, so that step adds
     * nothing to the parameter gradients, its input epsilon is zero, and it passes no gradient to earlier steps.
     */
    @Override
    protected void backward(INDArray epsilon, int firstStep, INDArray dW, INDArray dRW, INDArray db, INDArray epsOut) {
        ensureBackwardBuffers();
        eps.assign(epsilon.permute(2, 1, 0));
        dhCarry.assign(0);
        for (int s = t - 1; s >= firstStep; s--) {
            Step f = steps[s];
            BackStep b = backSteps[s];
            b.eps.addi(dhCarry, dh);
            if (masked) {
                // h_t = m_t * h'_t: nothing flows into a masked step's update (nor on to h_{t-1})
                dh.muliRowVector(maskRows[s]);
            }
            // update gate: dh * (h_prev - n) * z(1-z)
            f.hPrev.subi(f.cand, b.dZ);
            b.dZ.muli(dh);
            Nd4j.exec(new TimesOneMinus(f.z, slope));
            b.dZ.muli(slope);
            // candidate: dh * (1 - z) * (1 - n^2)
            f.z.rsubi(1.0, b.dN);
            b.dN.muli(dh);
            f.cand.muli(f.cand, slope);
            slope.rsubi(1.0);
            b.dN.muli(slope);
            // reset gate: dn_pre * (U_n h_prev) * r(1-r); U_n h_prev itself gets dn_pre * r
            b.dN.muli(f.r, b.dHpN);
            b.dN.muli(f.hpN, b.dR);
            Nd4j.exec(new TimesOneMinus(f.r, slope));
            b.dR.muli(slope);
            b.dHpRz.assign(b.dXpRz);
            // dh_{t-1} = dh * z + U dHp
            Nd4j.gemm(rw, b.dHp, dhCarry, false, false, 1.0, 0.0);
            dh.muli(f.z, scratch);
            dhCarry.addi(scratch);
        }
        int used = t - firstStep;
        INDArray dXpAll = regroup(dXProj, firstStep, dXProjMatrix, used);
        INDArray dHpAll = regroup(dHProj, firstStep, dHProjMatrix, used);
        INDArray hPrevAll = regroup(hs, firstStep, hPrevMatrix, used);
        INDArray xUsed = x.get(NDArrayIndex.all(), NDArrayIndex.interval((long) firstStep * n, (long) t * n));
        dW.assign(Nd4j.gemm(xUsed, dXpAll, false, true));
        dRW.assign(Nd4j.gemm(hPrevAll, dHpAll, false, true));
        db.assign(dXpAll.sum(1).reshape(1, 3L * h));
        INDArray dx = used == t ? dxMatrix : create(nIn, (long) used * n);
        Nd4j.gemm(w, dXpAll, dx, false, false, 1.0, 0.0);
        epsOut.permute(1, 2, 0).get(NDArrayIndex.all(), NDArrayIndex.interval(firstStep, t), NDArrayIndex.all())
                .assign(dx.reshape('c', nIn, used, n));
    }

    /** Slabs [from, from+used) of a [T', rows, N] buffer as a [rows, used*N] matrix (into full when used == T). */
    private INDArray regroup(INDArray slabs, int from, INDArray full, int used) {
        long rowCount = slabs.size(1);
        INDArray matrix = used == t ? full : create(rowCount, (long) used * n);
        matrix.reshape('c', rowCount, used, n).permute(1, 0, 2)
                .assign(slabs.get(NDArrayIndex.interval(from, from + used), NDArrayIndex.all(), NDArrayIndex.all()));
        return matrix;
    }

    private INDArray create(long rowCount, long columns) {
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            return Nd4j.create(type, new long[] {rowCount, columns}, 'c');
        }
    }

    private void ensureBackwardBuffers() {
        if (backSteps != null) {
            return;
        }
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            eps = Nd4j.create(type, new long[] {t, h, n}, 'c');
            dXProj = Nd4j.create(type, new long[] {t, 3L * h, n}, 'c');
            dHProj = Nd4j.create(type, new long[] {t, 3L * h, n}, 'c');
            dh = Nd4j.create(type, new long[] {h, n}, 'c');
            dhCarry = Nd4j.create(type, new long[] {h, n}, 'c');
            slope = Nd4j.create(type, new long[] {h, n}, 'c');
            dXProjMatrix = Nd4j.create(type, new long[] {3L * h, (long) t * n}, 'c');
            dHProjMatrix = Nd4j.create(type, new long[] {3L * h, (long) t * n}, 'c');
            hPrevMatrix = Nd4j.create(type, new long[] {h, (long) t * n}, 'c');
            dxMatrix = Nd4j.create(type, new long[] {nIn, (long) t * n}, 'c');
        }
        backSteps = new BackStep[t];
        for (int s = 0; s < t; s++) {
            INDArray dXp = dXProj.slice(s);
            INDArray dHp = dHProj.slice(s);
            backSteps[s] = new BackStep(eps.slice(s), dXp, rows(dXp, 0, 2 * h), rows(dXp, 0, h), rows(dXp, h, 2 * h),
                    rows(dXp, 2 * h, 3 * h), dHp, rows(dHp, 0, 2 * h), rows(dHp, 2 * h, 3 * h));
        }
    }
}

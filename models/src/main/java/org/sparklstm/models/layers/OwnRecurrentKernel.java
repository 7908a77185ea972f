package org.sparklstm.models.layers;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The math of an {@link OwnRecurrentLayer} for one sequence shape [minibatch N, time T, nIn I, hidden H], on
 * buffers allocated once and reused while the shape stays. The forward pass is the subclass's own, as it takes
 * the cell's own state; what the layer needs of every kernel besides is here.
 */
public abstract class OwnRecurrentKernel {

    protected final DataType type;
    protected final int n;
    protected final int t;
    protected final int nIn;
    protected final int h;

    protected OwnRecurrentKernel(DataType type, int n, int t, int nIn, int h) {
        this.type = type;
        this.n = n;
        this.t = t;
        this.nIn = nIn;
        this.h = h;
    }

    /** Whether the buffers fit a sequence of this type and shape (a layer's H never changes). */
    boolean fits(DataType otherType, long otherN, long otherT, long otherNIn) {
        return type == otherType && n == otherN && t == otherT && nIn == otherNIn;
    }

    /** Outputs of the last forward pass into out, [N, H, T] (any order). */
    protected abstract void copyOutput(INDArray out);

    /**
     * Backpropagates epsilon [N, H, T] through steps [firstStep, T) of the last forward pass (truncated BPTT drops
     * the earlier ones). Overwrites the parameter gradients dW, dRW, db and writes the input epsilon of those
     * steps into epsOut [N, I, T] (the other steps are left as they are).
     */
    protected abstract void backward(INDArray epsilon, int firstStep, INDArray dW, INDArray dRW, INDArray db,
                                     INDArray epsOut);

    /** Rows [from, to) of a matrix (e.g. one gate's block of a step's [rows, N] slab). */
    protected static INDArray rows(INDArray matrix, long from, long to) {
        return matrix.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
    }
}

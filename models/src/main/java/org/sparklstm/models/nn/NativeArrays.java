package org.sparklstm.models.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * ND4J frees an array's native buffer when the collector finds its wrapper; a heap that sees little garbage may not
 * collect for a long time while large temporary arrays pile up outside it. Releasing them when done keeps the
 * process's memory to what is in use.
 */
public final class NativeArrays {

    private NativeArrays() {
    }

    /** Frees each array's native buffer now; views, and arrays in a workspace (the workspace's to reuse), stay. */
    public static void release(INDArray... arrays) {
        for (INDArray array : arrays) {
            if (array != null && array.closeable()) {
                array.close();
            }
        }
    }
}

package org.sparklstm.models.output;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Token ids {@code [mb, 1, T]} in the row order of DL4J's 3d-to-2d reshape: row {@code b + mb * t}. */
final class RowIds {

    private RowIds() {
    }

    static int[] of(INDArray ids) {
        int mb = (int) ids.size(0);
        int steps = (int) ids.size(2);
        // read element by element: the array may be a view into a workspace, whose buffer holds other arrays too
        int[] out = new int[mb * steps];
        for (int b = 0; b < mb; b++) {
            for (int t = 0; t < steps; t++) {
                out[b + mb * t] = (int) ids.getFloat(b, 0, t);
            }
        }
        return out;
    }
}

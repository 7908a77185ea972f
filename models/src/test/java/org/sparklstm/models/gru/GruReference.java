package org.sparklstm.models.gru;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The GRU equations of {@link org.sparklstm.models.gru.Gru} written out in plain Java doubles, one scalar at a
 * time, so tests pin the layer to the documented equations rather than to itself:
 * r = sigmoid(W_r x + b_r + U_r h), z = sigmoid(W_z x + b_z + U_z h), n = tanh(W_n x + b_n + r * (U_n h)),
 * h' = (1 - z) * n + z * h, with gate columns r, z, n in that order.
 */
final class GruReference {

    /** w [I][3H], rw [H][3H], b [3H]. */
    record Params(double[][] w, double[][] rw, double[] b) {

        static Params of(INDArray w, INDArray rw, INDArray b) {
            return new Params(w.toDoubleMatrix(), rw.toDoubleMatrix(), b.reshape(b.length()).toDoubleVector());
        }

        Params copy() {
            double[][] w2 = new double[w.length][];
            for (int i = 0; i < w.length; i++) {
                w2[i] = w[i].clone();
            }
            double[][] rw2 = new double[rw.length][];
            for (int i = 0; i < rw.length; i++) {
                rw2[i] = rw[i].clone();
            }
            return new Params(w2, rw2, b.clone());
        }

        int hidden() {
            return rw.length;
        }
    }

    private GruReference() {
    }

    /** x [N][I][T], h0 [N][H] (null for zeros) -> outputs [N][H][T]. */
    static double[][][] run(Params p, double[][][] x, double[][] h0) {
        int n = x.length;
        int nIn = x[0].length;
        int t = x[0][0].length;
        int h = p.hidden();
        double[][][] out = new double[n][h][t];
        for (int e = 0; e < n; e++) {
            double[] prev = h0 == null ? new double[h] : h0[e].clone();
            for (int s = 0; s < t; s++) {
                double[] next = new double[h];
                for (int j = 0; j < h; j++) {
                    double r = sigmoid(gate(p, x[e], s, j, nIn) + recurrent(p, prev, j));
                    double z = sigmoid(gate(p, x[e], s, h + j, nIn) + recurrent(p, prev, h + j));
                    double cand = Math.tanh(gate(p, x[e], s, 2 * h + j, nIn)
                            + r * recurrent(p, prev, 2 * h + j));
                    next[j] = (1 - z) * cand + z * prev[j];
                }
                for (int j = 0; j < h; j++) {
                    out[e][j][s] = next[j];
                }
                prev = next;
            }
        }
        return out;
    }

    /** W_col x_s + b_col. */
    private static double gate(Params p, double[][] x, int s, int col, int nIn) {
        double sum = p.b[col];
        for (int i = 0; i < nIn; i++) {
            sum += p.w[i][col] * x[i][s];
        }
        return sum;
    }

    /** U_col h_prev. */
    private static double recurrent(Params p, double[] prev, int col) {
        double sum = 0;
        for (int k = 0; k < prev.length; k++) {
            sum += p.rw[k][col] * prev[k];
        }
        return sum;
    }

    private static double sigmoid(double v) {
        return 1 / (1 + Math.exp(-v));
    }

    /** sum of weights[n][h][t] * out[n][h][t] over steps [fromStep, T). */
    static double weightedSum(double[][][] out, double[][][] weights, int fromStep) {
        double sum = 0;
        for (int e = 0; e < out.length; e++) {
            for (int j = 0; j < out[e].length; j++) {
                for (int s = fromStep; s < out[e][j].length; s++) {
                    sum += weights[e][j][s] * out[e][j][s];
                }
            }
        }
        return sum;
    }

    static double[][][] toArray3(INDArray a) {
        long[] shape = a.shape();
        double[][][] out = new double[(int) shape[0]][(int) shape[1]][(int) shape[2]];
        for (int i = 0; i < shape[0]; i++) {
            for (int j = 0; j < shape[1]; j++) {
                for (int k = 0; k < shape[2]; k++) {
                    out[i][j][k] = a.getDouble(i, j, k);
                }
            }
        }
        return out;
    }
}

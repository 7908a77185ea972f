package org.sparklstm.models.output;

import java.util.function.DoubleSupplier;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The numeric derivative of a score with respect to one parameter, by central differences; the parameter is restored. */
final class CentralDifference {

    private CentralDifference() {
    }

    static double derivative(INDArray params, long i, double h, DoubleSupplier score) {
        double original = params.getDouble(i);
        params.putScalar(i, original + h);
        double up = score.getAsDouble();
        params.putScalar(i, original - h);
        double down = score.getAsDouble();
        params.putScalar(i, original);
        return (up - down) / (2 * h);
    }
}

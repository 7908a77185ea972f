package org.sparklstm.models.train;

import java.io.Serializable;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Everything training changes, flattened to plain arrays so it can be broadcast and averaged without
 * shipping INDArrays: the parameters, the updater (Adam) state and the iteration count that Adam's
 * bias correction depends on.
 */
public record NetworkState(float[] parameters, float[] updaterState, int iterations) implements Serializable {

    public static NetworkState capture(MultiLayerNetwork net) {
        INDArray updater = net.getUpdater().getStateViewArray();
        return new NetworkState(
                net.params().dup().data().asFloat(),
                updater == null ? new float[0] : updater.dup().data().asFloat(),
                net.getLayerWiseConfigurations().getIterationCount());
    }

    /** The parameters and iteration count without the updater state, for rounds whose workers restart Adam. */
    public NetworkState withoutUpdater() {
        return new NetworkState(parameters, new float[0], iterations);
    }

    /** The network's parameters and iteration count, without its updater state. */
    public static NetworkState parametersOf(MultiLayerNetwork net) {
        return new NetworkState(net.params().dup().data().asFloat(), new float[0],
                net.getLayerWiseConfigurations().getIterationCount());
    }

    /** Only the updater state and iteration count, the parameters kept: a worker's own Adam moments. */
    public void applyUpdaterTo(MultiLayerNetwork net) {
        INDArray updater = net.getUpdater().getStateViewArray();
        if (updater != null && updaterState.length > 0) {
            updater.assign(Nd4j.createFromArray(updaterState).reshape(updater.shape()));
        }
        net.getLayerWiseConfigurations().setIterationCount(iterations);
    }

    /** Zero Adam moments and iteration 0, the parameters kept: Adam starts again. */
    public static void resetUpdater(MultiLayerNetwork net) {
        INDArray updater = net.getUpdater().getStateViewArray();
        if (updater != null) {
            updater.assign(0);
        }
        net.getLayerWiseConfigurations().setIterationCount(0);
    }

    public void applyTo(MultiLayerNetwork net) {
        INDArray params = net.params();
        if (params.length() != parameters.length) {
            throw new IllegalStateException("network has " + params.length() + " parameters, state has "
                    + parameters.length);
        }
        params.assign(Nd4j.createFromArray(parameters).reshape(params.shape()));
        INDArray updater = net.getUpdater().getStateViewArray();
        if (updater != null && updaterState.length > 0) {
            updater.assign(Nd4j.createFromArray(updaterState).reshape(updater.shape()));
        }
        net.getLayerWiseConfigurations().setIterationCount(iterations);
    }
}

package org.sparklstm.models.train;

import java.io.Serializable;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sparklstm.models.nn.NativeArrays;

/**
 * Everything training changes, flattened to plain arrays so it can be broadcast and averaged without
 * shipping INDArrays: the parameters, the updater (Adam) state and the iteration count that Adam's
 * bias correction depends on.
 */
public record NetworkState(float[] parameters, float[] updaterState, int iterations) implements Serializable {

    public static NetworkState capture(MultiLayerNetwork net) {
        INDArray updater = net.getUpdater().getStateViewArray();
        return new NetworkState(copyOut(net.params()), updater == null ? new float[0] : copyOut(updater),
                net.getLayerWiseConfigurations().getIterationCount());
    }

    /** The parameters and iteration count without the updater state, for rounds whose workers restart Adam. */
    public NetworkState withoutUpdater() {
        return new NetworkState(parameters, new float[0], iterations);
    }

    /** The network's updater state and iteration count, without its parameters. */
    public static NetworkState updaterOf(MultiLayerNetwork net) {
        INDArray updater = net.getUpdater().getStateViewArray();
        return new NetworkState(new float[0], updater == null ? new float[0] : copyOut(updater),
                net.getLayerWiseConfigurations().getIterationCount());
    }

    /** The network's parameters and iteration count, without its updater state. */
    public static NetworkState parametersOf(MultiLayerNetwork net) {
        return new NetworkState(copyOut(net.params()), new float[0],
                net.getLayerWiseConfigurations().getIterationCount());
    }

    /** Only the updater state and iteration count, the parameters kept: a worker's own Adam moments. */
    public void applyUpdaterTo(MultiLayerNetwork net) {
        INDArray updater = net.getUpdater().getStateViewArray();
        if (updater != null && updaterState.length > 0) {
            copyIn(updaterState, updater);
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
        copyIn(parameters, params);
        // asked only when there are moments: the first request allocates the updater's state (twice the parameters)
        if (updaterState.length > 0) {
            INDArray updater = net.getUpdater().getStateViewArray();
            if (updater != null) {
                copyIn(updaterState, updater);
            }
        }
        net.getLayerWiseConfigurations().setIterationCount(iterations);
    }

    /*
     * The copies between Java arrays and ND4J's are closed at once: their native buffers would otherwise wait for
     * a heap collection to be freed, and a word model's rounds copy hundreds of MB each (BENCHMARKS.md, memory).
     */

    private static float[] copyOut(INDArray array) {
        INDArray copy = array.dup();
        float[] values = copy.data().asFloat();
        NativeArrays.release(copy);
        return values;
    }

    private static void copyIn(float[] values, INDArray target) {
        INDArray source = Nd4j.createFromArray(values);
        target.assign(source.reshape(target.shape()));
        NativeArrays.release(source);
    }
}

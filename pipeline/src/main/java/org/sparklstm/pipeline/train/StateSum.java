package org.sparklstm.pipeline.train;

import org.apache.hadoop.fs.Path;
import org.sparklstm.models.train.NetworkState;

/**
 * The driver's sum of the workers' states, in double precision: the sum of a few floats is exact there, so the
 * float mean does not depend on the order in which the states are added.
 */
final class StateSum {

    private double[] parameters;
    private double[] updater;
    private int iterations;
    private int count;

    /** Adds a state held in memory. */
    StateSum add(NetworkState state) {
        allocate(state.parameters().length, state.updaterState().length);
        addInto(parameters, state.parameters());
        addInto(updater, state.updaterState());
        return added(state.iterations());
    }

    /** Adds a state file, streamed from the file into the sums. */
    StateSum add(RoundFiles files, Path file) {
        return added(files.addTo(file, (parameterCount, updaterCount) -> {
            allocate(parameterCount, updaterCount);
            return new double[][]{parameters, updater};
        }));
    }

    int count() {
        return count;
    }

    /** The mean state, with the parameters' change from {@code previous} multiplied by {@code updateScale}. */
    NetworkState mean(NetworkState previous, double updateScale) {
        if (count == 0) {
            throw new IllegalStateException("no state was added");
        }
        float[] params = divide(parameters);
        if (updateScale != 1.0) {
            float[] before = previous.parameters();
            for (int i = 0; i < params.length; i++) {
                params[i] = (float) (before[i] + updateScale * ((double) params[i] - before[i]));
            }
        }
        return new NetworkState(params, divide(updater), iterations);
    }

    private void allocate(int parameterCount, int updaterCount) {
        if (parameters == null) {
            parameters = new double[parameterCount];
            updater = new double[updaterCount];
        } else if (parameters.length != parameterCount || updater.length != updaterCount) {
            throw new IllegalStateException("a state of " + parameterCount + " parameters and " + updaterCount
                    + " updater values added to sums of " + parameters.length + " and " + updater.length);
        }
    }

    private StateSum added(int stateIterations) {
        iterations = Math.max(iterations, stateIterations);
        count++;
        return this;
    }

    private float[] divide(double[] sum) {
        float[] out = new float[sum.length];
        for (int i = 0; i < sum.length; i++) {
            out[i] = (float) (sum[i] / count);
        }
        return out;
    }

    private static void addInto(double[] sum, float[] values) {
        for (int i = 0; i < values.length; i++) {
            sum[i] += values[i];
        }
    }
}

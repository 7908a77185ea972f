package org.sparklstm.pipeline.train;

import org.apache.hadoop.fs.Path;
import org.sparklstm.models.train.NetworkState;

/**
 * The driver's sum of the workers' states, in single precision and turned into their mean in place: a model's state
 * is held at most twice on the driver (the round's start and this sum), where double sums took three times (a
 * 50,000-word model's parameters and Adam moments are 250 MB as floats). The states are added in worker order
 * ({@link StateAverage} sorts them), so the mean is the same whichever worker finishes first.
 */
final class StateSum {

    private float[] parameters;
    private float[] updater;
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
            return new float[][]{parameters, updater};
        }));
    }

    int count() {
        return count;
    }

    /**
     * The mean state, with the parameters' change from {@code previous} multiplied by {@code updateScale}. The sums
     * become the mean: nothing may be added afterwards.
     */
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
            parameters = new float[parameterCount];
            updater = new float[updaterCount];
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

    private float[] divide(float[] sum) {
        float n = count;
        for (int i = 0; i < sum.length; i++) {
            sum[i] /= n;
        }
        return sum;
    }

    private static void addInto(float[] sum, float[] values) {
        for (int i = 0; i < values.length; i++) {
            sum[i] += values[i];
        }
    }
}

package org.sparklstm.pipeline.train;

import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;
import org.sparklstm.models.train.CarriedState;
import org.sparklstm.models.train.FitStatistics;
import org.sparklstm.models.train.NetworkState;

/**
 * Running sum of workers' states for parameter averaging. Sums are kept in double precision, which
 * makes the float average independent of the order in which partial sums arrive. Stateful training's
 * carried states are gathered by worker, not averaged.
 */
final class StateAverage implements Serializable {

    private double[] parameters;
    private double[] updater;
    private int iterations;
    private int contributors;
    private FitStatistics statistics = FitStatistics.NONE;
    private final TreeMap<Integer, CarriedState> carried = new TreeMap<>();
    private final TreeMap<Integer, NetworkState> ownUpdaters = new TreeMap<>();

    StateAverage add(WorkerRound round) {
        if (round.carried() != null) {
            carried.put(round.worker(), round.carried());
        }
        if (round.ownUpdater() != null) {
            ownUpdaters.put(round.worker(), round.ownUpdater());
        }
        return add(round.state(), round.fitted());
    }

    StateAverage add(NetworkState state, FitStatistics fitted) {
        if (parameters == null) {
            parameters = new double[state.parameters().length];
            updater = new double[state.updaterState().length];
        }
        addInto(parameters, state.parameters());
        addInto(updater, state.updaterState());
        iterations = Math.max(iterations, state.iterations());
        contributors++;
        statistics = statistics.plus(fitted);
        return this;
    }

    StateAverage merge(StateAverage other) {
        if (other.parameters == null) {
            return this;
        }
        if (parameters == null) {
            return other;
        }
        for (int i = 0; i < parameters.length; i++) {
            parameters[i] += other.parameters[i];
        }
        for (int i = 0; i < updater.length; i++) {
            updater[i] += other.updater[i];
        }
        iterations = Math.max(iterations, other.iterations);
        contributors += other.contributors;
        statistics = statistics.plus(other.statistics);
        carried.putAll(other.carried);
        ownUpdaters.putAll(other.ownUpdaters);
        return this;
    }

    /** The carried state each worker's rows ended the round in (empty when stateless). */
    Map<Integer, CarriedState> carried() {
        return carried;
    }

    /** Each worker's own Adam state after the round (empty unless {@link AdamState#PER_WORKER}). */
    Map<Integer, NetworkState> ownUpdaters() {
        return ownUpdaters;
    }

    int contributors() {
        return contributors;
    }

    FitStatistics statistics() {
        return statistics;
    }

    /** The mean state, with the parameters' change from {@code previous} multiplied by {@code updateScale}. */
    NetworkState mean(NetworkState previous, double updateScale) {
        float[] params = divide(parameters);
        if (updateScale != 1.0) {
            float[] before = previous.parameters();
            for (int i = 0; i < params.length; i++) {
                params[i] = (float) (before[i] + updateScale * ((double) params[i] - before[i]));
            }
        }
        return new NetworkState(params, divide(updater), iterations);
    }

    private float[] divide(double[] sum) {
        float[] out = new float[sum.length];
        for (int i = 0; i < sum.length; i++) {
            out[i] = (float) (sum[i] / contributors);
        }
        return out;
    }

    private static void addInto(double[] sum, float[] values) {
        for (int i = 0; i < values.length; i++) {
            sum[i] += values[i];
        }
    }
}

package org.sparklstm.pipeline.train;

import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;
import org.sparklstm.models.train.CarriedState;
import org.sparklstm.models.train.FitStatistics;
import org.sparklstm.models.train.NetworkState;

/**
 * Running sum of workers' states for parameter averaging. Sums are kept in double precision, which
 * makes the float average independent of the order in which partial sums arrive. A single worker's state stays
 * as its floats until a second one is added to it: what a partition sends to be merged is half the size of a
 * sum. Stateful training's carried states are gathered by worker, not averaged.
 */
final class StateAverage implements Serializable {

    /** The only state added so far, kept as it is; null once there are sums. */
    private NetworkState single;
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
        if (contributors == 0) {
            single = state;
        } else {
            summed();
            addInto(parameters, state.parameters());
            addInto(updater, state.updaterState());
        }
        iterations = Math.max(iterations, state.iterations());
        contributors++;
        statistics = statistics.plus(fitted);
        return this;
    }

    StateAverage merge(StateAverage other) {
        if (other.contributors == 0) {
            return this;
        }
        if (contributors == 0) {
            return other;
        }
        summed();
        if (other.single != null) {
            addInto(parameters, other.single.parameters());
            addInto(updater, other.single.updaterState());
        } else {
            addInto(parameters, other.parameters);
            addInto(updater, other.updater);
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

    /** Turns the single state into sums, before another is added. */
    private void summed() {
        if (single != null) {
            parameters = new double[single.parameters().length];
            updater = new double[single.updaterState().length];
            addInto(parameters, single.parameters());
            addInto(updater, single.updaterState());
            single = null;
        }
    }

    /** The mean state, with the parameters' change from {@code previous} multiplied by {@code updateScale}. */
    NetworkState mean(NetworkState previous, double updateScale) {
        summed();
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

    private static void addInto(double[] sum, double[] values) {
        for (int i = 0; i < values.length; i++) {
            sum[i] += values[i];
        }
    }
}

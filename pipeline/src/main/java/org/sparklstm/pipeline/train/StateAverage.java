package org.sparklstm.pipeline.train;

import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.fs.Path;
import org.sparklstm.models.train.CarriedState;
import org.sparklstm.models.train.FitStatistics;
import org.sparklstm.models.train.NetworkState;

/**
 * What the workers of a parameter-averaging round gave back, gathered by {@code treeAggregate}: where each left its
 * state (a {@link RoundFiles} file: the states themselves never travel as task results), what they fitted, and, in
 * stateful training, where each one's rows ended; the driver then averages the files.
 */
final class StateAverage implements Serializable {

    private final TreeMap<Integer, String> stateFiles = new TreeMap<>();
    private FitStatistics statistics = FitStatistics.NONE;
    private final TreeMap<Integer, CarriedState> carried = new TreeMap<>();
    private final TreeMap<Integer, NetworkState> ownUpdaters = new TreeMap<>();

    StateAverage add(WorkerRound round) {
        stateFiles.put(round.worker(), round.stateFile());
        if (round.carried() != null) {
            carried.put(round.worker(), round.carried());
        }
        if (round.ownUpdater() != null) {
            ownUpdaters.put(round.worker(), round.ownUpdater());
        }
        statistics = statistics.plus(round.fitted());
        return this;
    }

    StateAverage merge(StateAverage other) {
        stateFiles.putAll(other.stateFiles);
        carried.putAll(other.carried);
        ownUpdaters.putAll(other.ownUpdaters);
        statistics = statistics.plus(other.statistics);
        return this;
    }

    /**
     * The mean of the workers' states, read from their files in worker order, with the parameters' change from
     * {@code previous} multiplied by {@code updateScale}; the files are deleted once read.
     */
    NetworkState mean(RoundFiles files, NetworkState previous, double updateScale) {
        StateSum sum = new StateSum();
        for (String file : stateFiles.values()) {
            sum.add(files, new Path(file));
            files.delete(new Path(file));
        }
        return sum.mean(previous, updateScale);
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
        return stateFiles.size();
    }

    FitStatistics statistics() {
        return statistics;
    }
}

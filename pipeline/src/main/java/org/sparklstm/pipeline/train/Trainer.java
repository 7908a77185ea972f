package org.sparklstm.pipeline.train;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.IntToDoubleFunction;
import org.sparklstm.models.train.FitStatistics;
import org.sparklstm.models.train.NetworkState;

/** Trains a network one epoch at a time over partitioned sequence blocks. */
public interface Trainer {

    /** Runs epoch {@code epoch} (1-based), reporting every round, and returns what it fitted. */
    default FitStatistics trainEpoch(int epoch, Consumer<RoundProgress> progress) {
        return trainRounds(epoch, 0, roundsPerEpoch(), progress);
    }

    /** Runs rounds {@code [from, to)} of an epoch at the network's configured learning rate. */
    default FitStatistics trainRounds(int epoch, int from, int to, Consumer<RoundProgress> progress) {
        double rate = configuredRate();
        return trainRounds(epoch, from, to, round -> rate, progress);
    }

    /**
     * Runs rounds {@code [from, to)} of an epoch, each at its learning rate; progress times and tokens count
     * from {@code from}.
     */
    FitStatistics trainRounds(int epoch, int from, int to, IntToDoubleFunction learningRate,
                              Consumer<RoundProgress> progress);

    /** The learning rate the network was built with. */
    double configuredRate();

    /** Takes a saved state (parameters, updater state, iteration count) to continue from. */
    void restore(NetworkState state);

    /** What the trainer carries from round to round besides the network (block momentum, carried rows). */
    default Carried carried() {
        return Carried.NOTHING;
    }

    /**
     * Takes back what {@link #carried()} gave, from a checkpoint.
     *
     * @return what could not be taken back, and what the trainer does instead, for the console (a checkpoint of
     *         another number of workers, whose rows and Adam moments belong to another layout); empty when all
     */
    default List<String> restoreCarried(Carried carried) {
        return List.of();
    }

    /** Averaging rounds in one epoch (the round number of an epoch's last metrics). */
    int roundsPerEpoch();

    /** The network's state after the epochs run so far. */
    NetworkState state();

    /** Share of the last epoch's wall time spent outside the workers' fit (broadcast, aggregate, scheduling). */
    double overheadShare();
}

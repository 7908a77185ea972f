package org.sparklstm.pipeline.train;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Map;
import org.sparklstm.models.train.CarriedState;

/**
 * Stateful training's carried state of every worker's rows, kept on the driver between rounds: each round sends
 * every worker its own rows' state (see {@link WorkerStart}) and takes back where they ended. The states are never averaged (a row's state
 * belongs to its place in the stream), and every epoch starts from zeros.
 */
final class WorkerRows implements Serializable {

    /** By worker; null: zeros. */
    private final CarriedState[] states;

    WorkerRows(int workers) {
        states = new CarriedState[workers];
    }

    /** What round {@code round} of an epoch starts from, by worker. */
    CarriedState[] forRound(int round) {
        if (round == 0) {
            Arrays.fill(states, null);
        }
        return states.clone();
    }

    /** Where the workers that took part in a round left their rows. */
    void update(Map<Integer, CarriedState> ended) {
        ended.forEach((worker, state) -> states[worker] = state);
    }

    CarriedState[] saved() {
        return states.clone();
    }

    /** @return false when the checkpoint's rows are of another number of workers: the rows start from zeros */
    boolean restore(CarriedState[] saved) {
        Arrays.fill(states, null);
        if (saved == null || saved.length != states.length) {
            return false;
        }
        System.arraycopy(saved, 0, states, 0, states.length);
        return true;
    }

    int workers() {
        return states.length;
    }
}

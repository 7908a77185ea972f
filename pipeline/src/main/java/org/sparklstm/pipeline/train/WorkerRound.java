package org.sparklstm.pipeline.train;

import java.io.Serializable;
import org.sparklstm.models.train.CarriedState;
import org.sparklstm.models.train.FitStatistics;
import org.sparklstm.models.train.NetworkState;

/**
 * What one worker gives back from a parameter-averaging round.
 *
 * @param carried    its rows' state (stateful training); null when stateless
 * @param ownUpdater its Adam moments and step count, parameters left out ({@link AdamState#PER_WORKER}); else null
 */
record WorkerRound(int worker, NetworkState state, FitStatistics fitted, CarriedState carried,
                   NetworkState ownUpdater) implements Serializable {
}

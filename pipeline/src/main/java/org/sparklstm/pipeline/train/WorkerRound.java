package org.sparklstm.pipeline.train;

import java.io.Serializable;
import org.sparklstm.models.train.CarriedState;
import org.sparklstm.models.train.FitStatistics;
import org.sparklstm.models.train.NetworkState;

/**
 * What one worker gives back from a parameter-averaging round.
 *
 * @param stateFile  the {@link RoundFiles} file it left its parameters (and Adam moments, where averaged) in
 * @param carried    its rows' state (stateful training); null when stateless
 * @param ownUpdater its Adam moments and step count, parameters left out ({@link AdamState#PER_WORKER}); else null
 */
record WorkerRound(int worker, String stateFile, FitStatistics fitted, CarriedState carried,
                   NetworkState ownUpdater) implements Serializable {
}

package org.sparklstm.pipeline.train;

import java.io.Serializable;
import org.sparklstm.models.train.CarriedState;
import org.sparklstm.models.train.FitStatistics;
import org.sparklstm.models.train.NetworkState;

/** What one worker gives back from a parameter-averaging round. */
record WorkerRound(int worker, NetworkState state, FitStatistics fitted, CarriedState carried)
        implements Serializable {
}

package org.sparklstm.pipeline.train;

import java.io.Serializable;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.sparklstm.models.train.CarriedState;
import org.sparklstm.models.train.NetworkState;

/**
 * What one worker starts a round from besides the broadcast model: its rows' carried state (stateful training;
 * null: zeros) and its own Adam moments ({@link AdamState#PER_WORKER}; null: the broadcast ones).
 */
record WorkerStart(CarriedState rows, NetworkState adam) implements Serializable {

    /** The rows' state, zeros for {@code batchSize} rows when there is none yet. */
    CarriedState rowsOr(MultiLayerNetwork net, int batchSize) {
        return rows != null ? rows : CarriedState.zeros(net, batchSize);
    }
}

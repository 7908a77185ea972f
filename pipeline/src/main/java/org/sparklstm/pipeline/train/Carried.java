package org.sparklstm.pipeline.train;

import java.io.Serializable;
import org.sparklstm.models.train.CarriedState;
import org.sparklstm.models.train.NetworkState;

/**
 * What a trainer carries from round to round besides the network, for checkpoints.
 *
 * @param blockMomentum the running change of block momentum; null without it or before the first round
 * @param workerRows    stateful training's carried state by worker; null when stateless
 * @param workerAdam    each worker's own Adam moments ({@link AdamState#PER_WORKER}); null otherwise
 * @param blockStart    {@code sync-gradients}: the parameters its current block of updates started from; null
 *                      between blocks, or when its blocks do nothing (see {@link SyncGradientTrainer})
 */
public record Carried(float[] blockMomentum, CarriedState[] workerRows, NetworkState[] workerAdam,
                      float[] blockStart) implements Serializable {

    public static final Carried NOTHING = new Carried(null, null, null, null);
}

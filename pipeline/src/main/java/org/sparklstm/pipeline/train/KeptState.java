package org.sparklstm.pipeline.train;

import java.io.Serializable;
import org.sparklstm.models.train.NetworkState;

/** The network of the epoch with the lowest validation loss so far: what a run that keeps its best ends with. */
public record KeptState(int epoch, double validationLoss, NetworkState state) implements Serializable {
}

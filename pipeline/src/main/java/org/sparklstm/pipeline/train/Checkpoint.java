package org.sparklstm.pipeline.train;

import java.io.Serializable;
import org.sparklstm.models.train.NetworkState;

/** A saved point of a run: parameters, updater state and iteration count, and the training position. */
public record Checkpoint(TrainingPosition position, NetworkState state) implements Serializable {
}

package org.sparklstm.pipeline.train;

import org.sparklstm.models.train.NetworkState;

/**
 * A saved point of a run: parameters, updater state and iteration count, the training position, and what
 * the trainer carries between rounds (block momentum, stateful training's carried rows). Written and read as
 * {@link CheckpointFormat}, never with Java serialization.
 */
public record Checkpoint(TrainingPosition position, NetworkState state, Carried carried) {
}

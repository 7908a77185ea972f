package org.sparklstm.pipeline.train;

import java.io.Serializable;
import org.sparklstm.models.train.NetworkState;

/**
 * Block momentum for parameter averaging's rounds and {@code sync-gradients}' blocks (BMUF, Chen and Huo,
 * ICASSP 2016, in its Nesterov form): each round's model is the round's starting point moved by the averaged
 * change (times the outer rate, as plain averaging does), and the momentum {@code delta = momentum x delta +
 * that move} carries on into the point the next round starts from, {@code model + momentum x delta}. Only the
 * parameters move this way; the updater state is averaged. With momentum 0 the start is the model: plain
 * averaging.
 */
final class BlockMomentum implements Serializable {

    private final double momentum;
    private float[] delta;

    BlockMomentum(double momentum) {
        this.momentum = momentum;
    }

    /** Where the next round starts: the model plus momentum times the running change. */
    /** Whether rounds carry momentum: only then does a round's move need its start. */
    boolean active() {
        return momentum != 0;
    }

    NetworkState start(NetworkState model) {
        if (momentum == 0 || delta == null) {
            return model;
        }
        float[] params = model.parameters().clone();
        for (int i = 0; i < params.length; i++) {
            params[i] = (float) (params[i] + momentum * delta[i]);
        }
        return new NetworkState(params, model.updaterState(), model.iterations());
    }

    /** Folds a round's move, from where it started to the model it gave, into the running change. */
    void advance(NetworkState start, NetworkState model) {
        if (momentum == 0) {
            return;
        }
        float[] from = start.parameters();
        float[] to = model.parameters();
        float[] next = new float[to.length];
        for (int i = 0; i < next.length; i++) {
            next[i] = (float) ((delta == null ? 0 : momentum * delta[i]) + ((double) to[i] - from[i]));
        }
        delta = next;
    }

    /** The running change, for checkpoints (null before the first round or without momentum). */
    float[] delta() {
        return delta;
    }

    void restore(float[] saved) {
        delta = saved == null ? null : saved.clone();
    }
}

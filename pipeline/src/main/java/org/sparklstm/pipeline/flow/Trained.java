package org.sparklstm.pipeline.flow;

import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.sparklstm.models.nn.Networks;
import org.sparklstm.models.train.NetworkState;
import org.sparklstm.pipeline.train.EpochResult;
import org.sparklstm.pipeline.train.KeptState;
import org.sparklstm.pipeline.train.Trainer;
import org.sparklstm.pipeline.train.TrainingPosition;

/**
 * What the epoch loop left: the network's configuration, the trainer with its final state, and the
 * position training ended at (every epoch's results, and the kept epoch of a run that keeps its best).
 */
public record Trained(String networkJson, Trainer trainer, TrainingPosition end) {

    public List<EpochResult> epochs() {
        return end.finished();
    }

    public EpochResult lastEpoch() {
        return epochs().get(epochs().size() - 1);
    }

    /** The epoch whose model the run keeps: the kept one, else the last. */
    public EpochResult keptEpoch() {
        return kept() == null ? lastEpoch() : epochs().get(kept().epoch() - 1);
    }

    /** Averaging rounds in an epoch: the round number of each epoch's metrics. */
    public int rounds() {
        return trainer.roundsPerEpoch();
    }

    /** The epoch with the lowest validation loss, or null where the run keeps its last epoch. */
    public KeptState kept() {
        return end.kept();
    }

    /** The state the run's model is saved and tested with: the kept epoch's, else the last. */
    public NetworkState model() {
        return kept() == null ? trainer.state() : kept().state();
    }

    /** A network holding {@link #model()}. */
    public MultiLayerNetwork network() {
        MultiLayerNetwork net = Networks.fromJson(networkJson);
        model().applyTo(net);
        return net;
    }

    /** Training throughput over all epochs: tokens, windows or texts per second of training time. */
    public double throughput() {
        double seconds = 0;
        long units = 0;
        for (EpochResult e : epochs()) {
            seconds += e.trainSeconds();
            units += e.train().tokens();
        }
        return units / seconds;
    }
}

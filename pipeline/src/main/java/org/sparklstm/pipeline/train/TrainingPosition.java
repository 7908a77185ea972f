package org.sparklstm.pipeline.train;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.sparklstm.models.train.FitStatistics;

/**
 * Where training stands: the next round to run, what the current epoch has fitted so far and the
 * finished epochs' results. With the network state it is all a run needs to go on, because every
 * random choice (minibatch order, dropout) is seeded from {@code train.seed} and the position. A run
 * that keeps its best epoch carries that epoch's state in {@code kept} (null otherwise).
 */
public record TrainingPosition(int epoch, int nextRound, FitStatistics epochSoFar, double epochSeconds,
                               List<EpochResult> finished, KeptState kept) implements Serializable {

    public TrainingPosition {
        finished = List.copyOf(finished);
    }

    public static TrainingPosition start() {
        return new TrainingPosition(1, 0, FitStatistics.NONE, 0, List.of(), null);
    }

    TrainingPosition after(int round, FitStatistics fitted, double seconds) {
        return new TrainingPosition(epoch, round, epochSoFar.plus(fitted), epochSeconds + seconds, finished, kept);
    }

    /** After a finished epoch; {@code keptNow} is the state kept from then on (null: none). */
    TrainingPosition nextEpoch(EpochResult result, KeptState keptNow) {
        List<EpochResult> all = new ArrayList<>(finished);
        all.add(result);
        return new TrainingPosition(epoch + 1, 0, FitStatistics.NONE, 0, all, keptNow);
    }

    public String describe() {
        return nextRound == 0 ? "start of epoch " + epoch : "epoch " + epoch + " after round " + nextRound;
    }
}

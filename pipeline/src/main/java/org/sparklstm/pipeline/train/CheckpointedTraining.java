package org.sparklstm.pipeline.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.sparklstm.models.train.FitStatistics;
import org.sparklstm.models.train.NetworkState;
import org.sparklstm.pipeline.io.RunDirectory;

/**
 * The epoch loop of a run: trains round by round from a position, each round at its scheduled learning
 * rate, validates after every epoch, and every {@code every} rounds (and at each epoch's end) saves a
 * checkpoint of a finite state. A loss or a state that is not finite stops the run, naming the last good
 * checkpoint. With early stopping, the loop ends once the validation loss has not fallen for
 * {@code patience} epochs, keeping the best epoch.
 */
public final class CheckpointedTraining {

    /** Scores the network after an epoch. */
    public interface Validation {
        EpochResult after(int epoch, FitStatistics train, double trainSeconds, NetworkState state);
    }

    private final Trainer trainer;
    private final Checkpoints checkpoints;
    private final int every;
    private final int epochs;
    private boolean keepLowestValidationLoss;
    private LearningRateSchedule schedule;
    private int patience;
    private String lastCheckpoint;
    private Consumer<String> positions = where -> { };

    /** @param checkpoints where checkpoints go, or null with {@code every = 0} for none */
    public CheckpointedTraining(Trainer trainer, Checkpoints checkpoints, int every, int epochs) {
        if ((checkpoints == null) != (every == 0)) {
            throw new IllegalArgumentException("checkpoints need a place and a positive interval");
        }
        this.trainer = trainer;
        this.checkpoints = checkpoints;
        this.every = every;
        this.epochs = epochs;
        this.schedule = LearningRateSchedule.constant(trainer.configuredRate());
    }

    /** The epoch loop of a run, saving its checkpoints under the run directory when {@code every > 0}. */
    public static CheckpointedTraining inRun(Trainer trainer, RunDirectory run, int every, int epochs,
                                             Configuration hadoop) throws IOException {
        Checkpoints checkpoints = every == 0 ? null : new Checkpoints(run.finalPath(RunDirectory.CHECKPOINTS), hadoop);
        CheckpointedTraining training = new CheckpointedTraining(trainer, checkpoints, every, epochs);
        // a run stopped from outside names where it stood
        training.positions = run::notePosition;
        return training;
    }

    /** Keeps the state of the epoch with the lowest validation {@code loss} in the position's {@code kept}. */
    public CheckpointedTraining keepingLowestValidationLoss() {
        keepLowestValidationLoss = true;
        return this;
    }

    /** Each round's learning rate comes from {@code schedule} (else the network's configured rate throughout). */
    public CheckpointedTraining scheduled(LearningRateSchedule schedule) {
        this.schedule = schedule;
        return this;
    }

    /**
     * Stops once the validation loss has not fallen for {@code patience} epochs (0 = never), and keeps the
     * best epoch.
     */
    public CheckpointedTraining stoppingEarly(int patience) {
        this.patience = patience;
        if (patience > 0) {
            keepLowestValidationLoss = true;
        }
        return this;
    }

    /** Trains from the newest checkpoint when there is one (announcing it), else from the start. */
    public TrainingPosition fromLatest(Consumer<RoundProgress> progress, Validation validation,
                                       Consumer<String> announce) throws IOException {
        Optional<Checkpoint> saved = checkpoints == null ? Optional.empty() : checkpoints.latest();
        if (saved.isEmpty()) {
            return run(TrainingPosition.start(), progress, validation);
        }
        String path = checkpoints.latestPath().orElseThrow();
        announce.accept("resuming from " + path + " (" + saved.get().position().describe() + ")");
        return resume(saved.get(), path, progress, validation, announce);
    }

    /** Continues from a checkpoint: the trainer takes its state, training goes on from its position. */
    public TrainingPosition resume(Checkpoint checkpoint, String path, Consumer<RoundProgress> progress,
                                   Validation validation) {
        return resume(checkpoint, path, progress, validation, notice -> { });
    }

    private TrainingPosition resume(Checkpoint checkpoint, String path, Consumer<RoundProgress> progress,
                                    Validation validation, Consumer<String> announce) {
        trainer.restore(checkpoint.state());
        trainer.restoreCarried(checkpoint.carried()).forEach(announce);
        lastCheckpoint = path;
        return run(checkpoint.position(), progress, validation);
    }

    public TrainingPosition run(TrainingPosition from, Consumer<RoundProgress> shown, Validation validation) {
        Consumer<RoundProgress> progress = shown.andThen(p -> positions.accept(
                "epoch " + p.epoch() + " of " + p.epochs() + ", round " + p.round() + " of " + p.rounds()));
        TrainingPosition position = from;
        while (position.epoch() <= epochs && !stale(position)) {
            positions.accept(position.describe());
            int rounds = trainer.roundsPerEpoch();
            // the epoch's training time includes writing its checkpoints
            double savingSeconds = 0;
            while (position.nextRound() < rounds) {
                int end = every == 0 ? rounds : Math.min(rounds, nextCheckpointRound(position, rounds));
                long start = System.nanoTime();
                FitStatistics fitted = fit(position, end, progress);
                position = position.after(end, fitted, (System.nanoTime() - start) / 1e9 + savingSeconds);
                savingSeconds = 0;
                if (end < rounds) {
                    long saveStart = System.nanoTime();
                    save(position);
                    savingSeconds = (System.nanoTime() - saveStart) / 1e9;
                }
            }
            int epoch = position.epoch();
            NetworkState state = trainer.state();
            EpochResult result = validation.after(epoch, position.epochSoFar(), position.epochSeconds(), state);
            position = position.nextEpoch(result, kept(position.kept(), result, state));
            if (every > 0) {
                save(position);
            }
        }
        positions.accept("the end of training (writing the outputs)");
        return position;
    }

    /** True when early stopping is on and the kept epoch is {@code patience} epochs behind. */
    private boolean stale(TrainingPosition position) {
        return patience > 0 && position.kept() != null && position.epoch() - 1 - position.kept().epoch() >= patience;
    }

    private KeptState kept(KeptState before, EpochResult result, NetworkState state) {
        double loss = result.validationLoss();
        if (!keepLowestValidationLoss || Double.isNaN(loss) || before != null && before.validationLoss() <= loss) {
            return before;
        }
        return new KeptState(result.epoch(), loss, state);
    }

    /** The first round after {@code position} whose global number (over all epochs) is a multiple of every. */
    private int nextCheckpointRound(TrainingPosition position, int rounds) {
        long global = (long) (position.epoch() - 1) * rounds + position.nextRound();
        long next = (global / every + 1) * every;
        return (int) (next - (long) (position.epoch() - 1) * rounds);
    }

    private FitStatistics fit(TrainingPosition position, int end, Consumer<RoundProgress> progress) {
        int epoch = position.epoch();
        int rounds = trainer.roundsPerEpoch();
        List<Double> validation = position.finished().stream().map(EpochResult::validationLoss).toList();
        try {
            return trainer.trainRounds(epoch, position.nextRound(), end,
                    round -> schedule.rate(epoch, round, rounds, epochs, validation), progress);
        } catch (TrainingDivergedException e) {
            throw new TrainingDivergedException(e.getMessage() + "; " + keptCheckpoint());
        }
    }

    private void save(TrainingPosition position) {
        NetworkState state = trainer.state();
        if (!finite(state.parameters()) || !finite(state.updaterState())) {
            throw new TrainingDivergedException("training diverged: the parameters are no longer finite at "
                    + position.describe() + "; " + keptCheckpoint());
        }
        try {
            lastCheckpoint = checkpoints.save(new Checkpoint(position, state, trainer.carried()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the checkpoint at " + position.describe(), e);
        }
    }

    private String keptCheckpoint() {
        return lastCheckpoint == null ? "no checkpoint was written before (train.checkpoint-every = " + every + ")"
                : "the last good checkpoint is kept: " + lastCheckpoint;
    }

    private static boolean finite(float[] values) {
        for (float v : values) {
            if (!Float.isFinite(v)) {
                return false;
            }
        }
        return true;
    }
}

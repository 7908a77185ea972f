package org.sparklstm.pipeline.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaRDD;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sparklstm.models.lm.LanguageModelSpec;
import org.sparklstm.models.lm.SoftmaxSpec;
import org.sparklstm.models.lm.NetworkFactory;
import org.sparklstm.models.lm.SequenceBlock;
import org.sparklstm.models.nn.RecurrentCell;
import org.sparklstm.models.train.FitStatistics;
import org.sparklstm.models.train.NetworkState;
import org.sparklstm.pipeline.SparkTestSupport;

/** A run stopped at any round and continued from its last checkpoint ends where an unbroken run ends. */
class CheckpointTest extends SparkTestSupport {

    @TempDir
    Path tmp;

    private static final CheckpointedTraining.Validation NO_VALIDATION =
            (epoch, fitted, seconds, state) -> EpochResult.unvalidated(epoch, fitted, seconds);

    /** Parameter averaging every 2 minibatches on 2 workers. */
    private Trainer averaging(double learningRate) {
        return averaging(learningRate, 0);
    }

    /** Parameter averaging every 2 minibatches on 2 workers, with block momentum. */
    private Trainer averaging(double learningRate, double blockMomentum) {
        return averaging(learningRate, blockMomentum, new LanguageModelSpec(TrainerTest.vocabulary.size(), 8, 1, 16,
                0.0, learningRate, 1.0, 10, 3));
    }

    /** Parameter averaging every 2 minibatches on 2 workers of the given network. */
    private Trainer averaging(double learningRate, double blockMomentum, LanguageModelSpec spec) {
        JavaRDD<SequenceBlock> blocks = sc.parallelize(TrainerTest.dealt(2), 2);
        TrainSettings settings = new TrainSettings(3, 2, 16, 2, 10, 5, TrainerTest.vocabulary.size(), 1.0,
                blockMomentum);
        return ParameterAveragingTrainer.forLanguageModel(sc, blocks, NetworkFactory.create(spec), settings);
    }

    /** Synchronous gradients on 2 workers, in blocks of 3 updates with block momentum and Adam restarted. */
    private Trainer syncGradients() {
        JavaRDD<SequenceBlock> blocks = sc.parallelize(TrainerTest.dealt(2), 2);
        LanguageModelSpec spec = new LanguageModelSpec(TrainerTest.vocabulary.size(), 8, 1, 16, 0.0, 0.01, 1.0, 0, 3);
        TrainSettings settings = new TrainSettings(3, 2, 16, 3, 0, 5, TrainerTest.vocabulary.size(), 1.0, 0.5, false,
                0, AdamState.RESET);
        return SyncGradientTrainer.forLanguageModel(sc, blocks, NetworkFactory.create(spec), settings);
    }

    /** A validation that measures only a loss. */
    private record Loss(double loss) implements EpochValidation {
    }

    /** After round {@code round} of epoch 1, makes the trainer's parameters NaN. */
    private static java.util.function.Consumer<RoundProgress> poisonAfter(Trainer trainer, int round) {
        return p -> {
            if (p.epoch() == 1 && p.round() == round) {
                NetworkState state = trainer.state();
                float[] parameters = state.parameters().clone();
                java.util.Arrays.fill(parameters, Float.NaN);
                trainer.restore(new NetworkState(parameters, state.updaterState(), state.iterations()));
            }
        };
    }

    /** Stops the run (as a killed driver would) when it reaches a round. */
    private static java.util.function.Consumer<RoundProgress> crashAt(int epoch, int round) {
        return p -> {
            if (p.epoch() == epoch && p.round() == round) {
                throw new IllegalStateException("driver killed");
            }
        };
    }

    /**
     * A sampled softmax (its draws seeded as dropout is), an adaptive one (its cluster weights are in the
     * checkpoint), tied weights, or a softmax option with tied weights, resume as the full softmax does.
     */
    @ParameterizedTest
    @CsvSource({"SAMPLED, false", "ADAPTIVE, false", "FULL, true", "SAMPLED, true", "ADAPTIVE, true"})
    void resumedRunsWithEachSoftmaxOptionEqualAnUnbrokenRun(SoftmaxSpec.Kind kind, boolean tied) throws Exception {
        TrainerTest.readText();
        SoftmaxSpec softmax = switch (kind) {
            case FULL -> SoftmaxSpec.FULL;
            case SAMPLED -> SoftmaxSpec.sampled(12);
            case ADAPTIVE -> SoftmaxSpec.adaptive(List.of(10, 30));
        };
        LanguageModelSpec spec = new LanguageModelSpec(TrainerTest.vocabulary.size(), 16, 1, 16, 0.0, 0.01, 1.0, 10,
                3, RecurrentCell.LSTM, softmax, tied);
        Trainer unbroken = averaging(0.01, 0, spec);
        new CheckpointedTraining(unbroken, null, 0, 2).run(TrainingPosition.start(), p -> { }, NO_VALIDATION);

        Checkpoints checkpoints = new Checkpoints(tmp.resolve("options-" + kind + "-" + tied).toString(),
                new Configuration());
        assertThrows(IllegalStateException.class, () -> new CheckpointedTraining(averaging(0.01, 0, spec),
                checkpoints, 3, 2).run(TrainingPosition.start(), crashAt(2, 4), NO_VALIDATION));
        Trainer resumed = averaging(0.01, 0, spec);
        new CheckpointedTraining(resumed, checkpoints, 3, 2).resume(checkpoints.latest().orElseThrow(),
                checkpoints.latestPath().orElseThrow(), p -> { }, NO_VALIDATION);

        assertArrayEquals(unbroken.state().parameters(), resumed.state().parameters());
        assertArrayEquals(unbroken.state().updaterState(), resumed.state().updaterState());
    }

    @Test
    void resumedParameterAveragingEqualsAnUnbrokenRun() throws Exception {
        TrainerTest.readText();
        Trainer unbroken = averaging(0.01);
        TrainingPosition straight = new CheckpointedTraining(unbroken, null, 0, 3)
                .run(TrainingPosition.start(), p -> { }, NO_VALIDATION);

        Checkpoints checkpoints = new Checkpoints(tmp.resolve("checkpoints").toString(), new Configuration());
        assertThrows(IllegalStateException.class, () -> new CheckpointedTraining(averaging(0.01), checkpoints, 3, 3)
                .run(TrainingPosition.start(), crashAt(2, 4), NO_VALIDATION));
        // killed after round 4 of epoch 2: the newest checkpoint is the last multiple of 3 rounds before it
        // (or the end of epoch 1); older checkpoints are gone
        int rounds = unbroken.roundsPerEpoch();
        int expectedRound = Math.max(0, (rounds + 3) / 3 * 3 - rounds);
        assertEquals(List.of(String.format("epoch-0002-round-%06d", expectedRound)), listing(tmp.resolve("checkpoints")));
        Checkpoint saved = checkpoints.latest().orElseThrow();
        assertEquals(2, saved.position().epoch());
        assertEquals(expectedRound, saved.position().nextRound());
        assertEquals(1, saved.position().finished().size());

        Trainer resumed = averaging(0.01);
        TrainingPosition end = new CheckpointedTraining(resumed, checkpoints, 3, 3)
                .resume(saved, checkpoints.latestPath().orElseThrow(), p -> { }, NO_VALIDATION);

        assertArrayEquals(unbroken.state().parameters(), resumed.state().parameters());
        assertArrayEquals(unbroken.state().updaterState(), resumed.state().updaterState());
        assertEquals(unbroken.state().iterations(), resumed.state().iterations());
        assertEquals(4, end.epoch());
        for (int e = 0; e < 3; e++) {
            assertEquals(straight.finished().get(e).train().tokens(), end.finished().get(e).train().tokens());
            assertEquals(straight.finished().get(e).train().lossSum(), end.finished().get(e).train().lossSum(), 1e-9);
        }
    }

    @Test
    void resumedSynchronousGradientsEqualAnUnbrokenRun() throws Exception {
        TrainerTest.readText();
        Trainer unbroken = syncGradients();
        new CheckpointedTraining(unbroken, null, 0, 2).run(TrainingPosition.start(), p -> { }, NO_VALIDATION);

        Checkpoints checkpoints = new Checkpoints(tmp.resolve("sync").toString(), new Configuration());
        assertThrows(IllegalStateException.class, () -> new CheckpointedTraining(syncGradients(), checkpoints, 4, 2)
                .run(TrainingPosition.start(), crashAt(2, 6), NO_VALIDATION));
        Carried carried = checkpoints.latest().orElseThrow().carried();
        assertTrue(carried.blockStart() != null && carried.blockMomentum() != null,
                "saved after round 4, inside the block of rounds 3 to 5, with where it started and the momentum");
        Trainer resumed = syncGradients();
        new CheckpointedTraining(resumed, checkpoints, 4, 2).resume(checkpoints.latest().orElseThrow(),
                checkpoints.latestPath().orElseThrow(), p -> { }, NO_VALIDATION);
        assertArrayEquals(unbroken.state().parameters(), resumed.state().parameters());
        assertArrayEquals(unbroken.state().updaterState(), resumed.state().updaterState());
    }

    @Test
    void theEpochKeptForItsValidationLossSurvivesAResume() throws Exception {
        TrainerTest.readText();
        double[] losses = {3.0, 1.0, 2.0};
        CheckpointedTraining.Validation validation = (epoch, fitted, seconds, state) ->
                new EpochResult(epoch, fitted, seconds, new Loss(losses[epoch - 1]), 0);
        TrainingPosition straight = new CheckpointedTraining(averaging(0.01), null, 0, 3).keepingLowestValidationLoss()
                .run(TrainingPosition.start(), p -> { }, validation);
        assertEquals(2, straight.kept().epoch());

        Checkpoints checkpoints = new Checkpoints(tmp.resolve("kept").toString(), new Configuration());
        assertThrows(IllegalStateException.class, () -> new CheckpointedTraining(averaging(0.01), checkpoints, 3, 3)
                .keepingLowestValidationLoss().run(TrainingPosition.start(), crashAt(3, 2), validation));
        Trainer resumed = averaging(0.01);
        TrainingPosition end = new CheckpointedTraining(resumed, checkpoints, 3, 3).keepingLowestValidationLoss()
                .resume(checkpoints.latest().orElseThrow(), checkpoints.latestPath().orElseThrow(), p -> { }, validation);
        assertEquals(2, end.kept().epoch());
        assertEquals(1.0, end.kept().validationLoss());
        assertArrayEquals(straight.kept().state().parameters(), end.kept().state().parameters());
        // the kept state is epoch 2's, not the last one
        assertFalse(java.util.Arrays.equals(end.kept().state().parameters(), resumed.state().parameters()));
    }

    @Test
    void aDivergingRunStopsAndKeepsItsLastGoodCheckpoint() throws Exception {
        TrainerTest.readText();
        Checkpoints checkpoints = new Checkpoints(tmp.resolve("diverged").toString(), new Configuration());
        // one good round, then NaN parameters after round 2 (as an overflowing update leaves them), whatever
        // the BLAS kernel: the checkpoint of round 2 is refused and round 1's is kept
        Trainer trainer = averaging(0.01);
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> new CheckpointedTraining(trainer, checkpoints, 1, 3)
                        .run(TrainingPosition.start(), poisonAfter(trainer, 2), NO_VALIDATION));
        assertTrue(e.getMessage().contains("the parameters are no longer finite at epoch 1 after round 2"),
                e.getMessage());
        String kept = checkpoints.latestPath().orElseThrow();
        assertTrue(kept.endsWith("epoch-0001-round-000001"), kept);
        assertTrue(e.getMessage().startsWith("training diverged: "), e.getMessage());
        assertTrue(e.getMessage().endsWith("the last good checkpoint is kept: " + kept), e.getMessage());
        for (float v : checkpoints.latest().orElseThrow().state().parameters()) {
            assertTrue(Float.isFinite(v));
        }
    }

    /** A trainer that records the rate it is given for every round and fits nothing. */
    private static final class RecordingTrainer implements Trainer {

        final List<Double> rates = new java.util.ArrayList<>();
        private final int rounds;
        private final NetworkState state = new NetworkState(new float[]{1f}, new float[]{0f}, 0);

        RecordingTrainer(int rounds) {
            this.rounds = rounds;
        }

        @Override
        public FitStatistics trainRounds(int epoch, int from, int to, java.util.function.IntToDoubleFunction rate,
                                         java.util.function.Consumer<RoundProgress> progress) {
            for (int round = from; round < to; round++) {
                rates.add(rate.applyAsDouble(round));
            }
            return new FitStatistics(to - from, to - from, 0);
        }

        @Override
        public double configuredRate() {
            return 0.01;
        }

        @Override
        public void restore(NetworkState saved) {
        }

        @Override
        public int roundsPerEpoch() {
            return rounds;
        }

        @Override
        public NetworkState state() {
            return state;
        }

        @Override
        public double overheadShare() {
            return 0;
        }
    }

    /** A validation that reports the given loss for each epoch. */
    private static CheckpointedTraining.Validation losses(double... losses) {
        return (epoch, fitted, seconds, state) -> new EpochResult(epoch, fitted, seconds, new Loss(losses[epoch - 1]), 0);
    }

    @Test
    void everyRoundRunsAtItsScheduledRate() {
        RecordingTrainer trainer = new RecordingTrainer(2);
        new CheckpointedTraining(trainer, null, 0, 3)
                .scheduled(new LearningRateSchedule(LearningRateSchedule.Kind.PLATEAU, 0.01, 1, 0.5, 1, 2))
                .run(TrainingPosition.start(), p -> { }, losses(3.0, 3.2, 2.0));
        // warm-up over rounds 1 and 2; epoch 2 (3.2) did not beat epoch 1 (3.0): epoch 3 runs at half the rate
        assertEquals(List.of(0.005, 0.01, 0.01, 0.01, 0.005, 0.005), trainer.rates);
        RecordingTrainer unscheduled = new RecordingTrainer(2);
        new CheckpointedTraining(unscheduled, null, 0, 1).run(TrainingPosition.start(), p -> { }, NO_VALIDATION);
        assertEquals(List.of(0.01, 0.01), unscheduled.rates);
    }

    @Test
    void aRoundsRateIsTheRateItsNetworkTrainsAt() throws Exception {
        TrainerTest.readText();
        Trainer built = averaging(0.02);
        new CheckpointedTraining(built, null, 0, 1).run(TrainingPosition.start(), p -> { }, NO_VALIDATION);
        Trainer set = averaging(0.01);
        new CheckpointedTraining(set, null, 0, 1).scheduled(LearningRateSchedule.constant(0.02))
                .run(TrainingPosition.start(), p -> { }, NO_VALIDATION);
        assertArrayEquals(built.state().parameters(), set.state().parameters());
    }

    @Test
    void blockMomentumZeroIsPlainAveragingAndAResumedMomentumRunIsExact() throws Exception {
        TrainerTest.readText();
        Trainer plain = averaging(0.01, 0);
        new CheckpointedTraining(plain, null, 0, 2).run(TrainingPosition.start(), p -> { }, NO_VALIDATION);
        Trainer unbroken = averaging(0.01, 0.5);
        new CheckpointedTraining(unbroken, null, 0, 2).run(TrainingPosition.start(), p -> { }, NO_VALIDATION);
        assertFalse(java.util.Arrays.equals(plain.state().parameters(), unbroken.state().parameters()),
                "momentum changes training");

        Checkpoints checkpoints = new Checkpoints(tmp.resolve("momentum").toString(), new Configuration());
        assertThrows(IllegalStateException.class, () -> new CheckpointedTraining(averaging(0.01, 0.5), checkpoints, 2,
                2).run(TrainingPosition.start(), crashAt(2, 3), NO_VALIDATION));
        assertTrue(checkpoints.latest().orElseThrow().carried().blockMomentum() != null,
                "the running change is checkpointed");
        Trainer resumed = averaging(0.01, 0.5);
        new CheckpointedTraining(resumed, checkpoints, 2, 2).resume(checkpoints.latest().orElseThrow(),
                checkpoints.latestPath().orElseThrow(), p -> { }, NO_VALIDATION);
        assertArrayEquals(unbroken.state().parameters(), resumed.state().parameters());
        assertArrayEquals(unbroken.state().updaterState(), resumed.state().updaterState());
    }

    @Test
    void aStatefulRunResumedMidEpochWithItsRowsMomentumAndScheduleEqualsAnUnbrokenRun() throws Exception {
        TrainerTest.readText();
        LearningRateSchedule step = new LearningRateSchedule(LearningRateSchedule.Kind.STEP, 0.01, 1, 0.5, 1, 2);
        Trainer unbroken = stateful(0.5);
        new CheckpointedTraining(unbroken, null, 0, 2).scheduled(step)
                .run(TrainingPosition.start(), p -> { }, NO_VALIDATION);

        Checkpoints checkpoints = new Checkpoints(tmp.resolve("stateful").toString(), new Configuration());
        assertThrows(IllegalStateException.class, () -> new CheckpointedTraining(stateful(0.5), checkpoints, 2, 2)
                .scheduled(step).run(TrainingPosition.start(), crashAt(2, 3), NO_VALIDATION));
        Checkpoint saved = checkpoints.latest().orElseThrow();
        assertEquals(2, saved.position().epoch());
        assertTrue(saved.position().nextRound() > 0, "saved mid-epoch");
        assertEquals(2, saved.carried().workerRows().length, "each worker's rows are checkpointed");
        assertTrue(saved.carried().blockMomentum() != null);
        Trainer resumed = stateful(0.5);
        new CheckpointedTraining(resumed, checkpoints, 2, 2).scheduled(step).resume(saved,
                checkpoints.latestPath().orElseThrow(), p -> { }, NO_VALIDATION);
        assertArrayEquals(unbroken.state().parameters(), resumed.state().parameters());
        assertArrayEquals(unbroken.state().updaterState(), resumed.state().updaterState());

        // without its rows, the same checkpoint goes on differently
        Trainer forgetful = stateful(0.5);
        Checkpoint zeroRows = new Checkpoint(saved.position(), saved.state(),
                new Carried(saved.carried().blockMomentum(), new org.sparklstm.models.train.CarriedState[2], null,
                        null));
        new CheckpointedTraining(forgetful, null, 0, 2).scheduled(step).resume(zeroRows, "memory", p -> { },
                NO_VALIDATION);
        assertFalse(java.util.Arrays.equals(unbroken.state().parameters(), forgetful.state().parameters()));

        // another number of workers lays the stream out otherwise: its rows start from zeros, and the run says so
        assertEquals(List.of("the checkpoint's carried rows are of 2 workers, this run has 1: every row starts from"
                + " zeros"), stateful(0.5, 1).restoreCarried(saved.carried()));
    }

    @Test
    void adamStateKeptPerWorkerOrResetAndAResumedPerWorkerRunIsExact() throws Exception {
        TrainerTest.readText();
        Trainer averaged = withAdam(AdamState.AVERAGED, 1);
        Trainer ownOfOne = withAdam(AdamState.PER_WORKER, 1);
        new CheckpointedTraining(averaged, null, 0, 2).run(TrainingPosition.start(), p -> { }, NO_VALIDATION);
        new CheckpointedTraining(ownOfOne, null, 0, 2).run(TrainingPosition.start(), p -> { }, NO_VALIDATION);
        assertArrayEquals(averaged.state().parameters(), ownOfOne.state().parameters(),
                "one worker's own Adam state is the average");

        Trainer reset = withAdam(AdamState.RESET, 2);
        new CheckpointedTraining(reset, null, 0, 2).run(TrainingPosition.start(), p -> { }, NO_VALIDATION);
        assertTrue(reset.state().iterations() <= 2 && averaged.state().iterations() > 30,
                "every round starts Adam again: at most 2 steps since the last start, not "
                        + reset.state().iterations());

        Trainer unbroken = withAdam(AdamState.PER_WORKER, 2);
        new CheckpointedTraining(unbroken, null, 0, 2).run(TrainingPosition.start(), p -> { }, NO_VALIDATION);
        Trainer plain = withAdam(AdamState.AVERAGED, 2);
        new CheckpointedTraining(plain, null, 0, 2).run(TrainingPosition.start(), p -> { }, NO_VALIDATION);
        assertFalse(java.util.Arrays.equals(plain.state().parameters(), unbroken.state().parameters()));
        assertFalse(java.util.Arrays.equals(reset.state().parameters(), unbroken.state().parameters()));

        Checkpoints checkpoints = new Checkpoints(tmp.resolve("adam").toString(), new Configuration());
        assertThrows(IllegalStateException.class, () -> new CheckpointedTraining(withAdam(AdamState.PER_WORKER, 2),
                checkpoints, 2, 2).run(TrainingPosition.start(), crashAt(2, 3), NO_VALIDATION));
        assertEquals(2, checkpoints.latest().orElseThrow().carried().workerAdam().length);
        Trainer resumed = withAdam(AdamState.PER_WORKER, 2);
        new CheckpointedTraining(resumed, checkpoints, 2, 2).resume(checkpoints.latest().orElseThrow(),
                checkpoints.latestPath().orElseThrow(), p -> { }, NO_VALIDATION);
        assertArrayEquals(unbroken.state().parameters(), resumed.state().parameters());
    }

    private Trainer withAdam(AdamState adam, int workers) {
        JavaRDD<SequenceBlock> blocks = sc.parallelize(TrainerTest.dealt(workers), workers);
        LanguageModelSpec spec = new LanguageModelSpec(TrainerTest.vocabulary.size(), 8, 1, 16, 0.0, 0.01, 1.0, 10, 3);
        TrainSettings settings = new TrainSettings(2, workers, 16, 2, 10, 5, TrainerTest.vocabulary.size(), 1.0, 0,
                false, 0, adam);
        return ParameterAveragingTrainer.forLanguageModel(sc, blocks, NetworkFactory.create(spec), settings);
    }

    /** Stateful parameter averaging every 2 minibatches on 2 workers with contiguous windows. */
    private Trainer stateful(double blockMomentum) {
        return stateful(blockMomentum, 2);
    }

    private Trainer stateful(double blockMomentum, int workers) {
        JavaRDD<SequenceBlock> blocks = sc.parallelize(TrainerTest.contiguous(workers), workers);
        LanguageModelSpec spec = new LanguageModelSpec(TrainerTest.vocabulary.size(), 8, 1, 16, 0.0, 0.01, 1.0, 0, 3);
        TrainSettings settings = new TrainSettings(2, workers, 8, 2, 0, 5, TrainerTest.vocabulary.size(), 1.0,
                blockMomentum, true);
        return ParameterAveragingTrainer.forLanguageModel(sc, blocks, NetworkFactory.create(spec), settings);
    }

    @Test
    void earlyStoppingEndsAfterPatienceEpochsAndKeepsTheBest() {
        TrainingPosition end = new CheckpointedTraining(new RecordingTrainer(2), null, 0, 10).stoppingEarly(2)
                .run(TrainingPosition.start(), p -> { }, losses(3.0, 2.0, 2.5, 2.1, 1.0, 0.5));
        // epoch 2 is the best; epochs 3 and 4 do not beat it: training stops after epoch 4
        assertEquals(4, end.finished().size());
        assertEquals(2, end.kept().epoch());
        assertEquals(2.0, end.kept().validationLoss());
    }

    @Test
    void aScheduledRunResumedMidEpochEqualsAnUnbrokenRun() throws Exception {
        TrainerTest.readText();
        LearningRateSchedule step = new LearningRateSchedule(LearningRateSchedule.Kind.STEP, 0.01, 1, 0.5, 1, 2);
        Trainer unbroken = averaging(0.01);
        new CheckpointedTraining(unbroken, null, 0, 3).scheduled(step)
                .run(TrainingPosition.start(), p -> { }, NO_VALIDATION);
        Trainer constant = averaging(0.01);
        new CheckpointedTraining(constant, null, 0, 3).run(TrainingPosition.start(), p -> { }, NO_VALIDATION);
        assertFalse(java.util.Arrays.equals(unbroken.state().parameters(), constant.state().parameters()),
                "the schedule changes training");

        Checkpoints checkpoints = new Checkpoints(tmp.resolve("scheduled").toString(), new Configuration());
        assertThrows(IllegalStateException.class, () -> new CheckpointedTraining(averaging(0.01), checkpoints, 2, 3)
                .scheduled(step).run(TrainingPosition.start(), crashAt(2, 3), NO_VALIDATION));
        Trainer resumed = averaging(0.01);
        new CheckpointedTraining(resumed, checkpoints, 2, 3).scheduled(step).resume(checkpoints.latest().orElseThrow(),
                checkpoints.latestPath().orElseThrow(), p -> { }, NO_VALIDATION);
        assertArrayEquals(unbroken.state().parameters(), resumed.state().parameters());
        assertArrayEquals(unbroken.state().updaterState(), resumed.state().updaterState());
    }

    private static List<String> listing(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList();
        }
    }
}

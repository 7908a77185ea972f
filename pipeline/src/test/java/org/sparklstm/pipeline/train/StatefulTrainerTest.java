package org.sparklstm.pipeline.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Arrays;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sparklstm.models.lm.LanguageModelBlock;
import org.sparklstm.models.lm.LanguageModelSpec;
import org.sparklstm.models.lm.NetworkFactory;
import org.sparklstm.models.lm.SequenceBlock;
import org.sparklstm.models.train.CarriedState;
import org.sparklstm.models.train.MinibatchFitter;
import org.sparklstm.models.train.MinibatchPlan;
import org.sparklstm.models.train.NetworkState;
import org.sparklstm.pipeline.SparkTestSupport;
import org.sparklstm.pipeline.evaluate.LanguageModelEvaluator;
import org.sparklstm.pipeline.evaluate.LossSummary;

/**
 * Stateful training through Spark: every worker's rows carry their state from round to round as the worker's own
 * (never averaged), and start each epoch from zeros. The references are local loops over the same blocks.
 */
class StatefulTrainerTest extends SparkTestSupport {

    private static final int BATCH = 4;
    private static final int FREQUENCY = 3;

    @BeforeAll
    static void text() throws Exception {
        TrainerTest.readText();
    }

    private static LanguageModelSpec spec() {
        return new LanguageModelSpec(TrainerTest.vocabulary.size(), 8, 2, 16, 0.0, 0.01, 1.0, 0, 3);
    }

    private static TrainSettings settings(int workers, boolean stateful) {
        return new TrainSettings(2, workers, BATCH, FREQUENCY, 0, 5, TrainerTest.vocabulary.size(), 1.0, 0, stateful);
    }

    private static NetworkState trainWithSpark(int workers, boolean stateful) {
        ParameterAveragingTrainer trainer = ParameterAveragingTrainer.forLanguageModel(sc,
                sc.parallelize(TrainerTest.contiguous(workers), workers), NetworkFactory.create(spec()),
                settings(workers, stateful));
        for (int epoch = 1; epoch <= 2; epoch++) {
            trainer.trainEpoch(epoch, p -> { });
        }
        return trainer.state();
    }

    private static LanguageModelBlock block(SequenceBlock windows) {
        return new LanguageModelBlock(windows, TrainerTest.vocabulary.size(), 0, true);
    }

    @Test
    void oneWorkerEqualsASingleProcessLoopThatCarriesTheState() {
        NetworkState averaged = trainWithSpark(1, true);

        MultiLayerNetwork net = NetworkFactory.create(spec());
        LanguageModelBlock block = block(TrainerTest.contiguous(1).get(0));
        for (int epoch = 1; epoch <= 2; epoch++) {
            MinibatchPlan plan = block.plan(BATCH, 5, epoch, 0);
            MinibatchFitter.fit(net, block, plan, 0, plan.size(), 0, CarriedState.zeros(net, BATCH), 0);
        }
        assertArrayEquals(net.params().data().asFloat(), averaged.parameters(), 1e-5f);
        assertEquals(net.getLayerWiseConfigurations().getIterationCount(), averaged.iterations());
        assertFalse(Arrays.equals(trainWithSpark(1, false).parameters(), averaged.parameters()),
                "stateless training differs");
    }

    @Test
    void eachWorkersRowsGoOnFromRoundToRoundAndAreNotAveraged() {
        int workers = 2;
        NetworkState trained = trainWithSpark(workers, true);

        // the rounds by hand: every worker fits its next minibatches from its own rows, the driver averages
        List<SequenceBlock> spans = TrainerTest.contiguous(workers);
        MultiLayerNetwork net = NetworkFactory.create(spec());
        NetworkState state = NetworkState.capture(net);
        for (int epoch = 1; epoch <= 2; epoch++) {
            CarriedState[] rows = new CarriedState[workers];
            int batches = MinibatchPlan.batchesFor(spans.get(0).size(), BATCH);
            for (int round = 0; round * FREQUENCY < batches; round++) {
                StateSum average = new StateSum();
                for (int w = 0; w < workers; w++) {
                    LanguageModelBlock block = block(spans.get(w));
                    MinibatchPlan plan = block.plan(BATCH, 5, epoch, w);
                    int from = round * FREQUENCY;
                    int to = Math.min(plan.size(), from + FREQUENCY);
                    if (from >= to) {
                        continue;
                    }
                    state.applyTo(net);
                    CarriedState start = rows[w] == null ? CarriedState.zeros(net, BATCH) : rows[w];
                    MinibatchFitter.Fitted fitted = MinibatchFitter.fit(net, block, plan, from, to, 0, start, 0);
                    rows[w] = fitted.carried();
                    average.add(NetworkState.capture(net));
                }
                state = average.mean(state, 1.0);
            }
        }
        assertArrayEquals(state.parameters(), trained.parameters(), 1e-5f);
        assertArrayEquals(state.updaterState(), trained.updaterState(), 1e-5f);
    }

    @Test
    void statefulValidationScoresTheSameRowsHoweverTheStreamIsCut() {
        List<int[]> stream = TrainerTest.windows.subList(0, 32);
        MultiLayerNetwork net = NetworkFactory.create(spec());
        String json = net.getLayerWiseConfigurations().toJson();
        NetworkState state = NetworkState.capture(net);
        int v = TrainerTest.vocabulary.size();
        // 8 rows of 4 windows in all: one block of 8 rows, or four blocks of 2 rows each
        LossSummary whole = LanguageModelEvaluator.evaluate(sc.parallelize(List.of(blockOf(stream, 0, 32)), 1), json,
                state, 8, v, true);
        List<SequenceBlock> quarters = List.of(blockOf(stream, 0, 8), blockOf(stream, 8, 16), blockOf(stream, 16, 24),
                blockOf(stream, 24, 32));
        LossSummary cut = LanguageModelEvaluator.evaluate(sc.parallelize(quarters, 4), json, state, 8, v, true);
        assertEquals(whole.tokens(), cut.tokens());
        assertEquals(whole.nll(), cut.nll(), 1e-6 * whole.nll());
        // 32 rows in all are 32 windows each scored from zeros: less context, another loss
        LossSummary fromZeros = LanguageModelEvaluator.evaluate(sc.parallelize(quarters, 4), json, state, 32, v, true);
        assertNotEquals(whole.nll(), fromZeros.nll(), 1e-4 * whole.nll());
    }

    private static SequenceBlock blockOf(List<int[]> windows, int from, int to) {
        return SequenceBlock.of(TrainerTest.STEPS + 1, windows.subList(from, to));
    }

    @Test
    void synchronousGradientsCarryEachWorkersRows() {
        int workers = 2;
        SyncGradientTrainer trainer = SyncGradientTrainer.forLanguageModel(sc,
                sc.parallelize(TrainerTest.contiguous(workers), workers), NetworkFactory.create(spec()),
                new TrainSettings(1, workers, BATCH, 1, 0, 5, TrainerTest.vocabulary.size(), 1.0, 0, true));
        trainer.trainEpoch(1, p -> { });
        CarriedState[] rows = trainer.carried().workerRows();
        assertEquals(workers, rows.length);
        for (CarriedState r : rows) {
            assertEquals(BATCH, r.rows());
            assertFalse(Arrays.equals(new float[r.arrays()[0].length], r.arrays()[0]), "the rows carry a state");
        }
        assertFalse(Arrays.equals(rows[0].arrays()[0], rows[1].arrays()[0]), "each worker keeps its own rows");
    }
}

package org.sparklstm.models.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;
import org.sparklstm.models.lm.LanguageModelBlock;
import org.sparklstm.models.lm.LanguageModelSpec;
import org.sparklstm.models.lm.SoftmaxSpec;
import org.sparklstm.models.lm.NetworkFactory;
import org.sparklstm.models.lm.SequenceBlock;
import org.sparklstm.models.lm.SequenceScorer;
import org.sparklstm.models.layers.OwnRecurrentLayer;
import org.sparklstm.models.nn.RecurrentCell;

/**
 * Stateful truncated BPTT: each row of a worker's stream starts a window from the state the row's previous window
 * ended in, and gradients stop at the window's edge (the gradient from a carried state is checked against central
 * differences in {@code CellGradientCheckTest}).
 */
class StatefulTrainingTest {

    private static final int V = 12;
    private static final int STEPS = 10;

    /** A stream of {@code rows x length} windows of STEPS steps: window k covers tokens [k STEPS, (k+1) STEPS]. */
    private static int[] stream(int windows, long seed) {
        Random random = new Random(seed);
        int[] tokens = new int[windows * STEPS + 1];
        for (int i = 0; i < tokens.length; i++) {
            tokens[i] = random.nextInt(V);
        }
        return tokens;
    }

    private static SequenceBlock windows(int[] stream) {
        int count = (stream.length - 1) / STEPS;
        int[] data = new int[count * (STEPS + 1)];
        for (int k = 0; k < count; k++) {
            System.arraycopy(stream, k * STEPS, data, k * (STEPS + 1), STEPS + 1);
        }
        return new SequenceBlock(STEPS + 1, data);
    }

    /** Row r of the stream as one long window: the rows of {@link MinibatchPlan#rows} joined end to end. */
    private static SequenceBlock rowsAsLongWindows(int[] stream, int rows) {
        int rowTokens = (stream.length - 1) / rows;
        int[] data = new int[rows * (rowTokens + 1)];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(stream, r * rowTokens, data, r * (rowTokens + 1), rowTokens + 1);
        }
        return new SequenceBlock(rowTokens + 1, data);
    }

    private static LanguageModelSpec spec(RecurrentCell cell, int tbptt) {
        return new LanguageModelSpec(V, 8, 2, 16, 0.0, 0.01, 1.0, tbptt, 7, cell, SoftmaxSpec.FULL, false);
    }

    @Test
    void statefulFitEqualsALoopThatCarriesEachRowsState() {
        for (RecurrentCell cell : new RecurrentCell[] {RecurrentCell.LSTM, RecurrentCell.GRU}) {
            int rows = 4;
            int perRow = 5;
            int[] stream = stream(rows * perRow, 3);
            LanguageModelBlock training = new LanguageModelBlock(windows(stream), V, 0, true);
            MultiLayerNetwork stateful = NetworkFactory.create(spec(cell, 0));
            MinibatchPlan plan = training.plan(rows, 1, 1, 0);
            MinibatchFitter.Fitted fitted = MinibatchFitter.fit(stateful, training, plan, 0, plan.size(), 1,
                    CarriedState.zeros(stateful, rows), 0);

            // one process: each row's state comes from running the rows' windows so far through rnnTimeStep,
            // at the parameters each window was fitted with
            MultiLayerNetwork reference = NetworkFactory.create(spec(cell, 0));
            MultiLayerNetwork stepper = NetworkFactory.create(spec(cell, 0));
            for (int j = 0; j < perRow; j++) {
                DataSet window = training.minibatch(plan.batch(j));
                for (Layer layer : reference.getLayers()) {
                    if (layer instanceof OwnRecurrentLayer<?, ?> own) {
                        own.carryFrom(j == 0 ? null : stepper.rnnGetPreviousState(indexOf(reference, layer)));
                    }
                }
                stepper.setParams(reference.params().dup());
                stepper.rnnTimeStep(window.getFeatures());
                reference.fit(window);
            }

            assertEquals(perRow, plan.size());
            assertEquals(perRow, stateful.getLayerWiseConfigurations().getIterationCount());
            assertArrayEquals(reference.params().data().asFloat(), stateful.params().data().asFloat(), 1e-5f,
                    cell + ": stateful training equals one process carrying the state");
            assertEquals((long) rows * perRow * STEPS, fitted.statistics().tokens());
            MultiLayerNetwork stateless = NetworkFactory.create(spec(cell, 0));
            MinibatchFitter.fit(stateless, training, plan, 0, plan.size(), 1);
            assertTrue(maxDifference(stateless, stateful) > 1e-4, cell + ": the carried state changes training");
        }
    }

    private static int indexOf(MultiLayerNetwork net, Layer layer) {
        return java.util.Arrays.asList(net.getLayers()).indexOf(layer);
    }

    private static double maxDifference(MultiLayerNetwork a, MultiLayerNetwork b) {
        float[] x = a.params().data().asFloat();
        float[] y = b.params().data().asFloat();
        double max = 0;
        for (int i = 0; i < x.length; i++) {
            max = Math.max(max, Math.abs(x[i] - y[i]));
        }
        return max;
    }

    @Test
    void eachWindowStartsFromTheFinalStateOfItsRowsPreviousWindow() {
        int rows = 3;
        int[] stream = stream(3 * rows + 2, 5);
        SequenceBlock block = windows(stream);
        MultiLayerNetwork net = NetworkFactory.create(spec(RecurrentCell.LSTM, 0));
        LanguageModelBlock training = new LanguageModelBlock(block, V, 0, true);
        MinibatchPlan plan = training.plan(rows, 1, 1, 0);
        // 11 windows in 3 rows of 4, 4 and 3: the last minibatch holds the first two rows only
        assertArrayEquals(new int[] {0, 4, 8}, plan.batch(0));
        assertArrayEquals(new int[] {3, 7}, plan.batch(3));

        CarriedState state = CarriedState.zeros(net, rows);
        for (int b = 0; b < plan.size(); b++) {
            int[] batch = plan.batch(b);
            NetworkState before = NetworkState.capture(net);
            CarriedState next = MinibatchFitter.fit(net, training, plan, b, b + 1, 1, state, 0).carried();
            // the window's forward pass from the carried state, with the parameters it was fitted at
            MultiLayerNetwork check = NetworkFactory.create(spec(RecurrentCell.LSTM, 0));
            before.applyTo(check);
            DataSet ds = training.minibatch(batch);
            state.startTrainingFrom(check, batch.length);
            check.feedForward(ds.getFeatures(), true);
            CarriedState expected = state.afterLastPass(check, batch.length);
            for (int array = 0; array < state.arrays().length; array++) {
                for (int row = 0; row < rows; row++) {
                    float[] want = row < batch.length ? expected.row(array, row) : state.row(array, row);
                    assertArrayEquals(want, next.row(array, row), 1e-6f, "minibatch " + b + " row " + row);
                }
            }
            if (b > 0) {
                assertTrue(next.row(0, 0)[0] != 0f, "a carried state is not zero");
            }
            state = next;
        }
    }

    @Test
    void statefulScoringEqualsScoringEachRowAsOneSequence() {
        int rows = 3;
        int[] stream = stream(rows * 4, 9);
        MultiLayerNetwork net = NetworkFactory.create(spec(RecurrentCell.GRU, 0));
        MinibatchFitter.fit(net, new LanguageModelBlock(windows(stream), V, 0), MinibatchPlan.ranges(12, 4), 0, 3, 1);
        double[] carried = SequenceScorer.score(net, windows(stream), rows, V, V, true);
        double[] whole = SequenceScorer.score(net, rowsAsLongWindows(stream, rows), rows, V);
        double[] fresh = SequenceScorer.score(net, windows(stream), rows, V);
        assertEquals(whole[1], carried[1]);
        assertEquals(whole[0], carried[0], 1e-6 * whole[0]);
        assertTrue(Math.abs(fresh[0] - whole[0]) > 1e-3, "a zero state at every window scores differently");
    }

    @Test
    void statefulScoringTrimsTheStateWhenTheLastRowsEnd() {
        int[] stream = stream(11, 2);
        MultiLayerNetwork net = NetworkFactory.create(spec(RecurrentCell.LSTM, 0));
        SequenceBlock block = windows(stream);
        double[] rowsOfThree = SequenceScorer.score(net, block, 3, V, V, true);
        assertEquals(11.0 * STEPS, rowsOfThree[1]);
        // one row is the whole stream as one sequence
        double[] oneRow = SequenceScorer.score(net, block, 1, V, V, true);
        double[] whole = SequenceScorer.score(net, rowsAsLongWindows(stream, 1), 1, V);
        assertEquals(whole[0], oneRow[0], 1e-6 * whole[0]);
        assertTrue(Double.isFinite(rowsOfThree[0]));
    }

    @Test
    void dl4jLayersCannotCarryATrainingState() {
        MultiLayerNetwork peephole = NetworkFactory.create(spec(RecurrentCell.PEEPHOLE, 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CarriedState.zeros(peephole, 2));
        assertTrue(e.getMessage().contains("model.cell = lstm or gru"), e.getMessage());
    }

}

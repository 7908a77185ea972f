package org.sparklstm.pipeline.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sparklstm.models.lm.LanguageModelSpec;
import org.sparklstm.models.lm.MinibatchEncoder;
import org.sparklstm.models.lm.NetworkFactory;
import org.sparklstm.models.lm.SequenceBlock;
import org.sparklstm.models.lm.SequenceScorer;
import org.sparklstm.models.nn.Networks;
import org.sparklstm.models.text.CharTokenizer;
import org.sparklstm.models.text.Vocabulary;
import org.sparklstm.models.train.FitStatistics;
import org.sparklstm.models.train.MinibatchPlan;
import org.sparklstm.models.train.NetworkState;
import org.sparklstm.pipeline.SparkTestSupport;
import org.sparklstm.pipeline.evaluate.LanguageModelEvaluator;
import org.sparklstm.pipeline.evaluate.LossSummary;
import org.sparklstm.pipeline.evaluate.UnigramBaseline;

/** Training and evaluation on real text (the start of Persuasion), compared with plain DL4J. */
class TrainerTest extends SparkTestSupport {

    static Vocabulary vocabulary;
    static List<int[]> windows;
    static final int STEPS = 20;

    @BeforeAll
    static void readText() throws IOException {
        String text = Files.readString(SparkTestSupport.DATA_SAMPLES.resolve("austen-persuasion.txt")).substring(0, 12_000);
        List<String> chars = new CharTokenizer().tokenize(text);
        vocabulary = Vocabulary.fromCounts(chars.stream().distinct()
                .collect(java.util.stream.Collectors.toMap(c -> c, c -> 1L)), 1000, 1);
        int[] ids = vocabulary.encode(chars);
        windows = new ArrayList<>();
        for (int s = 0; s + STEPS + 1 <= ids.length; s += STEPS) {
            windows.add(java.util.Arrays.copyOfRange(ids, s, s + STEPS + 1));
        }
    }

    static LanguageModelSpec spec() {
        return new LanguageModelSpec(vocabulary.size(), 8, 2, 16, 0.0, 0.01, 1.0, 10, 3);
    }

    static TrainSettings settings(int epochs, int workers, int frequency) {
        return new TrainSettings(epochs, workers, 16, frequency, 10, 5, vocabulary.size(), 1.0);
    }

    /** Window i goes to worker i % workers, in index order: what WorkerPartitioner produces. */
    static List<SequenceBlock> dealt(int workers) {
        List<SequenceBlock> blocks = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            List<int[]> mine = new ArrayList<>();
            for (int i = w; i < windows.size(); i += workers) {
                mine.add(windows.get(i));
            }
            blocks.add(SequenceBlock.of(STEPS + 1, mine));
        }
        return blocks;
    }

    /** Windows in contiguous spans, one per worker (what WorkerPartitioner.blocks produces with contiguous = true). */
    static List<SequenceBlock> contiguous(int workers) {
        List<SequenceBlock> blocks = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            int from = (int) ((long) w * windows.size() / workers);
            int to = (int) ((long) (w + 1) * windows.size() / workers);
            blocks.add(SequenceBlock.of(STEPS + 1, windows.subList(from, to)));
        }
        return blocks;
    }

    static NetworkState trainWithSpark(int epochs, int workers, int frequency) {
        return trainWithSpark(settings(epochs, workers, frequency));
    }

    static NetworkState trainWithSpark(TrainSettings settings) {
        int epochs = settings.epochs();
        int workers = settings.workers();
        JavaRDD<SequenceBlock> blocks = sc.parallelize(dealt(workers), workers);
        ParameterAveragingTrainer trainer = ParameterAveragingTrainer.forLanguageModel(sc, blocks, NetworkFactory.create(spec()),
                settings);
        for (int e = 1; e <= epochs; e++) {
            trainer.trainEpoch(e, p -> { });
        }
        return trainer.state();
    }

    @Test
    void oneWorkerAveragingEveryStepEqualsSingleProcessDl4j() {
        NetworkState averaged = trainWithSpark(2, 1, 1);

        MultiLayerNetwork plain = NetworkFactory.create(spec());
        SequenceBlock block = dealt(1).get(0);
        for (int epoch = 1; epoch <= 2; epoch++) {
            MinibatchPlan plan = MinibatchPlan.shuffled(block.size(), 16, 5, epoch, 0);
            for (int b = 0; b < plan.size(); b++) {
                plain.fit(MinibatchEncoder.encode(block, plan.batch(b)));
            }
        }
        float[] expected = plain.params().data().asFloat();
        assertEquals(expected.length, averaged.parameters().length);
        double maxDiff = 0;
        for (int i = 0; i < expected.length; i++) {
            maxDiff = Math.max(maxDiff, Math.abs(expected[i] - averaged.parameters()[i]));
        }
        assertTrue(maxDiff <= 1e-5, "max parameter difference " + maxDiff);
        assertEquals(plain.getLayerWiseConfigurations().getIterationCount(), averaged.iterations());
    }

    @Test
    void synchronousGradientsEqualOneProcessFittingTheWorkersMinibatchesTogether() {
        // full BPTT over the 20 steps: one gradient per minibatch
        LanguageModelSpec spec = new LanguageModelSpec(vocabulary.size(), 8, 2, 16, 0.0, 0.01, 1.0, 0, 3);
        TrainSettings settings = new TrainSettings(2, 2, 8, 1, 0, 5, vocabulary.size(), 1.0);
        JavaRDD<SequenceBlock> rdd = sc.parallelize(dealt(2), 2);
        SyncGradientTrainer trainer = SyncGradientTrainer.forLanguageModel(sc, rdd, NetworkFactory.create(spec), settings);
        for (int e = 1; e <= 2; e++) {
            trainer.trainEpoch(e, p -> { });
        }
        NetworkState synced = trainer.state();

        MultiLayerNetwork plain = NetworkFactory.create(spec);
        int steps = 0;
        for (int epoch = 1; epoch <= 2; epoch++) {
            List<org.nd4j.linalg.dataset.DataSet> parts = new ArrayList<>();
            MinibatchPlan p0 = MinibatchPlan.shuffled(dealt(2).get(0).size(), 8, 5, epoch, 0);
            MinibatchPlan p1 = MinibatchPlan.shuffled(dealt(2).get(1).size(), 8, 5, epoch, 1);
            for (int b = 0; b < Math.max(p0.size(), p1.size()); b++) {
                parts.clear();
                if (b < p0.size()) {
                    parts.add(MinibatchEncoder.encode(dealt(2).get(0), p0.batch(b)));
                }
                if (b < p1.size()) {
                    parts.add(MinibatchEncoder.encode(dealt(2).get(1), p1.batch(b)));
                }
                plain.fit(org.nd4j.linalg.dataset.DataSet.merge(parts));
                steps++;
            }
        }
        assertEquals(steps, synced.iterations());
        assertEquals(trainer.roundsPerEpoch() * 2, steps);
        float[] expected = plain.params().data().asFloat();
        double maxDiff = 0;
        for (int i = 0; i < expected.length; i++) {
            maxDiff = Math.max(maxDiff, Math.abs(expected[i] - synced.parameters()[i]));
        }
        assertTrue(maxDiff <= 1e-4, "max parameter difference " + maxDiff);
        float[] updater = plain.getUpdater().getStateViewArray().data().asFloat();
        for (int i = 0; i < updater.length; i += 31) {
            assertEquals(updater[i], synced.updaterState()[i], 1e-4 + 1e-3 * Math.abs(updater[i]));
        }
    }

    @Test
    void synchronousGradientsInBlocksTrainAsParameterAveragingOnOneWorker() {
        // blocks of 3 updates, each ended with update scale 1.5 and block momentum 0.5, Adam restarted per block
        LanguageModelSpec spec = new LanguageModelSpec(vocabulary.size(), 8, 2, 16, 0.0, 0.01, 1.0, 0, 3);
        TrainSettings settings = new TrainSettings(2, 1, 16, 3, 0, 5, vocabulary.size(), 1.5, 0.5, false, 0,
                AdamState.RESET);
        SyncGradientTrainer synced = SyncGradientTrainer.forLanguageModel(sc, sc.parallelize(dealt(1), 1),
                NetworkFactory.create(spec), settings);
        ParameterAveragingTrainer averaged = ParameterAveragingTrainer.forLanguageModel(sc,
                sc.parallelize(dealt(1), 1), NetworkFactory.create(spec), settings);
        SyncGradientTrainer plain = SyncGradientTrainer.forLanguageModel(sc, sc.parallelize(dealt(1), 1),
                NetworkFactory.create(spec), new TrainSettings(2, 1, 16, 3, 0, 5, vocabulary.size(), 1.0));
        for (int e = 1; e <= 2; e++) {
            synced.trainEpoch(e, p -> { });
            averaged.trainEpoch(e, p -> { });
            plain.trainEpoch(e, p -> { });
        }
        float[] expected = averaged.state().parameters();
        double maxDiff = 0;
        double plainDiff = 0;
        for (int i = 0; i < expected.length; i++) {
            maxDiff = Math.max(maxDiff, Math.abs(expected[i] - synced.state().parameters()[i]));
            plainDiff = Math.max(plainDiff, Math.abs(expected[i] - plain.state().parameters()[i]));
        }
        assertTrue(maxDiff <= 1e-4, "max parameter difference " + maxDiff);
        assertTrue(plainDiff > 100 * maxDiff, "without blocks the parameters differ by " + plainDiff);
    }

    @Test
    void synchronousGradientsRefuseTruncatedBpttThatCutsSequences() {
        JavaRDD<SequenceBlock> rdd = sc.parallelize(dealt(2), 2);
        SyncGradientTrainer trainer = SyncGradientTrainer.forLanguageModel(sc, rdd, NetworkFactory.create(spec()),
                settings(1, 2, 1));
        Exception e = org.junit.jupiter.api.Assertions.assertThrows(Exception.class, () -> trainer.trainEpoch(1, p -> { }));
        String message = String.valueOf(e.getMessage()) + (e.getCause() == null ? "" : e.getCause().getMessage());
        assertTrue(message.contains("train.tbptt-length 0 or >= the sequence's 20 steps (got 10)"), message);
    }

    @Test
    void oneRoundIsTheMeanOfTheWorkersFits() {
        NetworkState averaged = trainWithSpark(1, 2, 1000);
        float[] sum = null;
        float[] updaterSum = null;
        for (int w = 0; w < 2; w++) {
            MultiLayerNetwork net = NetworkFactory.create(spec());
            SequenceBlock block = dealt(2).get(w);
            MinibatchPlan plan = MinibatchPlan.shuffled(block.size(), 16, 5, 1, w);
            for (int b = 0; b < plan.size(); b++) {
                net.fit(MinibatchEncoder.encode(block, plan.batch(b)));
            }
            NetworkState s = NetworkState.capture(net);
            sum = add(sum, s.parameters());
            updaterSum = add(updaterSum, s.updaterState());
        }
        for (int i = 0; i < sum.length; i++) {
            assertEquals(sum[i] / 2, averaged.parameters()[i], 1e-5);
        }
        for (int i = 0; i < updaterSum.length; i += 97) {
            assertEquals(updaterSum[i] / 2, averaged.updaterState()[i], 1e-6);
        }
    }

    @Test
    void updateScaleTwoSumsTheWorkersChanges() {
        NetworkState mean = trainWithSpark(1, 2, 1000);
        NetworkState summed = trainWithSpark(new TrainSettings(1, 2, 16, 1000, 10, 5, vocabulary.size(), 2.0));
        float[] start = NetworkState.capture(NetworkFactory.create(spec())).parameters();
        for (int i = 0; i < start.length; i++) {
            // start + 2 * (mean - start): both workers' changes added to the start
            assertEquals(start[i] + 2 * (mean.parameters()[i] - start[i]), summed.parameters()[i], 1e-5);
        }
        assertArrayEquals(mean.updaterState(), summed.updaterState());
    }

    private static float[] add(float[] sum, float[] x) {
        float[] out = sum == null ? new float[x.length] : sum;
        for (int i = 0; i < x.length; i++) {
            out[i] += x[i];
        }
        return out;
    }

    @Test
    void sameSeedAndPartitioningGiveTheSameParameters() {
        NetworkState a = trainWithSpark(1, 2, 3);
        NetworkState b = trainWithSpark(1, 2, 3);
        assertArrayEquals(a.parameters(), b.parameters());
        assertArrayEquals(a.updaterState(), b.updaterState());
    }

    @Test
    void evaluatorOnExecutorsEqualsLocalScoringAndTrainingBeatsTheBaseline() {
        List<SequenceBlock> blocks = dealt(2);
        JavaRDD<SequenceBlock> rdd = sc.parallelize(blocks, 2);
        MultiLayerNetwork net = NetworkFactory.create(spec());
        ParameterAveragingTrainer trainer = ParameterAveragingTrainer.forLanguageModel(sc, rdd, net, settings(3, 2, 2));
        List<Double> losses = new ArrayList<>();
        for (int e = 1; e <= 3; e++) {
            FitStatistics f = trainer.trainEpoch(e, p -> { });
            losses.add(f.meanLoss());
            assertEquals((long) windows.size() * STEPS, f.tokens());
        }
        assertTrue(losses.get(2) < losses.get(0), "training loss falls: " + losses);
        String json = net.getLayerWiseConfigurations().toJson();
        LossSummary distributed = LanguageModelEvaluator.evaluate(rdd, json, trainer.state(), 7, vocabulary.size(), false);
        MultiLayerNetwork local = Networks.fromJson(json);
        trainer.state().applyTo(local);
        double nll = 0;
        for (SequenceBlock b : blocks) {
            nll += SequenceScorer.score(local, b, 64, vocabulary.size())[0];
        }
        assertEquals(windows.size() * (long) STEPS, distributed.tokens());
        assertEquals(nll, distributed.nll(), 1e-6 * nll);
        LossSummary baseline = UnigramBaseline.evaluate(rdd, rdd, vocabulary.size());
        assertTrue(distributed.loss() < baseline.loss(), distributed.loss() + " vs unigram " + baseline.loss());
    }

    @Test
    void unigramBaselineByHand() {
        // train counts a=3, b=1 (+1 smoothing over 3 ids: p = 4/7, 2/7, 1/7); validation: a, c
        LossSummary s = UnigramBaseline.crossEntropy(new long[]{3, 1, 0}, new long[]{1, 0, 1});
        assertEquals(2, s.tokens());
        assertEquals(-(Math.log(4.0 / 7) + Math.log(1.0 / 7)), s.nll(), 1e-12);
    }

    @Test
    void dl4jSparkTrainerTrainsTheSameNetwork() {
        JavaRDD<SequenceBlock> rdd = sc.parallelize(dealt(2), 2);
        MultiLayerNetwork net = NetworkFactory.create(spec());
        String json = net.getLayerWiseConfigurations().toJson();
        NetworkState start = NetworkState.capture(net);
        LossSummary before = LanguageModelEvaluator.evaluate(rdd, json, start, 32, vocabulary.size(), false);
        Dl4jSparkTrainer trainer = new Dl4jSparkTrainer(sc, rdd, net, settings(2, 2, 2));
        trainer.trainEpoch(1, p -> { });
        trainer.trainEpoch(2, p -> { });
        LossSummary after = LanguageModelEvaluator.evaluate(rdd, json, trainer.state(), 32, vocabulary.size(), false);
        assertTrue(after.loss() < before.loss() - 0.3, before.loss() + " -> " + after.loss());
    }
}

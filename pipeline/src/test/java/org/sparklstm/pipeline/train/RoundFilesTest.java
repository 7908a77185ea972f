package org.sparklstm.pipeline.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.util.Random;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparklstm.models.lm.LanguageModelSpec;
import org.sparklstm.models.lm.NetworkFactory;
import org.sparklstm.models.lm.SequenceBlock;
import org.sparklstm.models.train.CarriedState;
import org.sparklstm.models.train.FitStatistics;
import org.sparklstm.models.train.MinibatchFitter;
import org.sparklstm.models.train.MinibatchPlan;
import org.sparklstm.models.train.NetworkState;

/** Round states through files: written from and read into ND4J's memory exactly, and averaged in any order. */
class RoundFilesTest {

    private static final LanguageModelSpec SPEC = new LanguageModelSpec(40, 8, 2, 16, 0.0, 0.01, 1.0, 10, 3);

    @TempDir
    java.nio.file.Path dir;

    private RoundFiles files() {
        return new RoundFiles(dir.toUri().toString(), new Configuration());
    }

    /** Random floats over more than one piece of the stream, and an updater twice as long. */
    private static NetworkState state(long seed, int iterations) {
        int size = RoundFiles.PIECE + 1_234;
        Random random = new Random(seed);
        float[] parameters = new float[size];
        float[] updater = new float[2 * size];
        for (int i = 0; i < size; i++) {
            parameters[i] = (float) random.nextGaussian();
            updater[i] = random.nextFloat();
            updater[size + i] = random.nextFloat();
        }
        return new NetworkState(parameters, updater, iterations);
    }

    @Test
    void workersFinishingInAnyOrderGiveTheSameMean() {
        RoundFiles files = files();
        NetworkState a = state(1, 7);
        NetworkState b = state(2, 9);
        NetworkState c = state(3, 8);
        Path[] paths = {files.trained(1, 0, 0), files.trained(1, 0, 1), files.trained(1, 0, 2)};
        // the workers' rounds arrive as 2, 0, 1 and as 1, 2, 0; the files are read back twice, so kept
        NetworkState[] states = {a, b, c};
        NetworkState[] means = new NetworkState[2];
        int[][] arrivals = {{2, 0, 1}, {1, 2, 0}};
        for (int k = 0; k < 2; k++) {
            StateAverage average = new StateAverage();
            for (int w : arrivals[k]) {
                files.write(paths[w], states[w]);
                average.add(new WorkerRound(w, paths[w].toString(), FitStatistics.NONE, null, null));
            }
            means[k] = average.mean(files, a, 1.0);
        }
        assertArrayEquals(means[0].parameters(), means[1].parameters());
        assertArrayEquals(means[0].updaterState(), means[1].updaterState());
        assertEquals(9, means[0].iterations());
        // the files give what the states in memory give in worker order, the mean to a float's precision
        NetworkState abc = new StateSum().add(a).add(b).add(c).mean(a, 1.0);
        assertArrayEquals(abc.parameters(), means[0].parameters());
        assertArrayEquals(abc.updaterState(), means[0].updaterState());
        for (int i = 0; i < a.parameters().length; i += 997) {
            double mean = ((double) a.parameters()[i] + b.parameters()[i] + c.parameters()[i]) / 3;
            assertEquals(mean, abc.parameters()[i], 1e-6 * Math.max(1, Math.abs(mean)));
        }
        // two workers' mean is exact, whichever is added first
        assertArrayEquals(new StateSum().add(a).add(b).mean(a, 1.0).parameters(),
                new StateSum().add(b).add(a).mean(a, 1.0).parameters());
        assertEquals((float) (((double) a.parameters()[3] + b.parameters()[3]) / 2),
                new StateSum().add(a).add(b).mean(a, 1.0).parameters()[3]);
        // one worker's mean is its own state; an update scale of 2 doubles its change from the previous state
        assertArrayEquals(a.parameters(), new StateSum().add(a).mean(a, 1.0).parameters());
        NetworkState doubled = new StateSum().add(b).mean(a, 2.0);
        assertEquals(a.parameters()[5] + 2 * (b.parameters()[5] - a.parameters()[5]), doubled.parameters()[5], 1e-5f);
    }

    @Test
    void aNetworkWrittenAndReadBackIsTheSameNetwork() throws IOException {
        MultiLayerNetwork trained = NetworkFactory.create(SPEC);
        Random random = new Random(4);
        int[] ids = new int[16 * 11];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = random.nextInt(SPEC.vocabularySize());
        }
        MinibatchFitter.fit(trained, new SequenceBlock(11, ids), MinibatchPlan.ranges(16, 8), 0, 2,
                SPEC.vocabularySize(), 0, 1);
        RoundFiles files = files();
        Path file = files.trained(2, 3, 0);
        files.write(file, trained, true);
        MultiLayerNetwork loaded = NetworkFactory.create(SPEC);
        files.readInto(file, loaded);
        NetworkState expected = NetworkState.capture(trained);
        NetworkState actual = NetworkState.capture(loaded);
        assertArrayEquals(expected.parameters(), actual.parameters());
        assertArrayEquals(expected.updaterState(), actual.updaterState());
        assertEquals(expected.iterations(), actual.iterations());
        assertTrue(expected.iterations() > 0);

        // without the updater, only the parameters and the iteration count are loaded
        Path parametersOnly = files.trained(2, 3, 1);
        files.write(parametersOnly, trained, false);
        MultiLayerNetwork fresh = NetworkFactory.create(SPEC);
        float[] freshUpdater = NetworkState.capture(fresh).updaterState();
        files.readInto(parametersOnly, fresh);
        assertArrayEquals(expected.parameters(), NetworkState.capture(fresh).parameters());
        assertArrayEquals(freshUpdater, NetworkState.capture(fresh).updaterState());

        files.delete(file);
        files.delete(parametersOnly);
        try (var left = Files.list(dir)) {
            assertFalse(left.findAny().isPresent(), "a round's files are deleted");
        }
    }

    @Test
    void aWorkersRoundResultCarriesNoState() throws IOException {
        StateAverage one = new StateAverage().add(new WorkerRound(0, "file:/rounds/e1-r0-worker-0",
                new FitStatistics(10, 20.0, 1), (CarriedState) null, null));
        StateAverage two = new StateAverage().add(new WorkerRound(1, "file:/rounds/e1-r0-worker-1",
                new FitStatistics(5, 10.0, 1), (CarriedState) null, null));
        assertEquals(2, one.merge(two).contributors());
        assertEquals(15, one.statistics().tokens());
        // what a partition sends to the driver is a file name and statistics, whatever the model's size
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(two);
        }
        assertTrue(bytes.size() < 2_000, bytes.size() + " bytes");
    }
}

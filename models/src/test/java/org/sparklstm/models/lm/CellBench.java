package org.sparklstm.models.lm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.sparklstm.models.nn.RecurrentCell;

/**
 * Time of one training step (one minibatch fit) of the reference language model (embedding 64, 2 x 256, sequence
 * 100, batch 64) with each {@link RecurrentCell}, cells alternating round by round after a warm-up so a busy CPU
 * hits all alike; prints the medians. Run with OMP_NUM_THREADS=1 (ND4J's thread count in M2 follows only that
 * variable). Arguments (optional): rounds, steps per round, cells (comma-separated config names). From the
 * repository root:
 * <pre>
 * mvn -o -q -pl models test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test
 * OMP_NUM_THREADS=1 java -Xmx6g -cp models/target/test-classes:models/target/classes:$(cat /tmp/cp.txt) \
 *     org.sparklstm.models.lm.CellBench 7 2
 * </pre>
 */
public final class CellBench {

    private static final int VOCAB = 80;
    private static final int BATCH = 64;
    private static final int LENGTH = 100;

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        int perRound = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        List<RecurrentCell> cells = args.length > 2
                ? Arrays.stream(args[2].split(",")).map(RecurrentCell::fromConfigName).toList()
                : List.of(RecurrentCell.values());
        LanguageModelSpec spec = new LanguageModelSpec(VOCAB, 64, 2, 256, 0.0, 2e-3, 5.0, LENGTH, 1);
        System.out.printf("OMP_NUM_THREADS=%s, spec %s, %d rounds x %d steps of %dx%d%n",
                System.getenv("OMP_NUM_THREADS"), spec, rounds, perRound, BATCH, LENGTH);

        Map<RecurrentCell, MultiLayerNetwork> nets = new LinkedHashMap<>();
        for (RecurrentCell cell : cells) {
            nets.put(cell, NetworkFactory.create(spec.withCell(cell)));
        }
        List<DataSet> batches = randomMinibatches(perRound, 5);
        for (int i = 0; i < 2; i++) {
            nets.values().forEach(net -> fit(net, batches));
        }
        Map<RecurrentCell, double[]> millis = new LinkedHashMap<>();
        cells.forEach(c -> millis.put(c, new double[rounds]));
        for (int r = 0; r < rounds; r++) {
            StringBuilder line = new StringBuilder("round " + r + ":");
            for (RecurrentCell cell : cells) {
                long start = System.nanoTime();
                fit(nets.get(cell), batches);
                double ms = (System.nanoTime() - start) / 1e6 / batches.size();
                millis.get(cell)[r] = ms;
                line.append(String.format(" %s %.0f ms/step", cell.configName(), ms));
            }
            System.out.println(line);
        }
        double base = median(millis.get(cells.get(0)));
        for (RecurrentCell cell : cells) {
            double m = median(millis.get(cell));
            System.out.printf("median %s: %.0f ms/step (%.2fx %s), %d parameters%n", cell.configName(), m, m / base,
                    cells.get(0).configName(), nets.get(cell).numParams());
        }
    }

    private static void fit(MultiLayerNetwork net, List<DataSet> batches) {
        for (DataSet batch : batches) {
            net.fit(batch);
        }
    }

    /** Same shapes and encoding as MinibatchEncoder: token ids [N, 1, T], one-hot next tokens [N, V, T]. */
    private static List<DataSet> randomMinibatches(int count, long seed) {
        Random random = new Random(seed);
        List<DataSet> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            float[] ids = new float[BATCH * LENGTH];
            float[] labels = new float[BATCH * VOCAB * LENGTH];
            for (int n = 0; n < BATCH; n++) {
                for (int t = 0; t < LENGTH; t++) {
                    ids[n * LENGTH + t] = random.nextInt(VOCAB);
                    labels[(n * VOCAB + random.nextInt(VOCAB)) * LENGTH + t] = 1f;
                }
            }
            INDArray f = Nd4j.create(ids, new long[] {BATCH, 1, LENGTH}, 'c').castTo(DataType.FLOAT);
            INDArray l = Nd4j.create(labels, new long[] {BATCH, VOCAB, LENGTH}, 'c');
            out.add(new DataSet(f, l));
        }
        return out;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int m = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
    }
}

package org.sparklstm.models.lstm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.sparklstm.models.lm.LanguageModelSpec;
import org.sparklstm.models.lm.LstmImplementation;
import org.sparklstm.models.lm.NetworkFactory;

/**
 * Training throughput of the reference network with DL4J's LSTM (A) and with FusedLstm (B), identical
 * parameters and minibatches, alternating A B A B ... after a warm-up so a busy CPU hits both alike.
 * Run with OMP_NUM_THREADS=1 (ND4J's thread count in M2 follows only that variable).
 * Arguments (all optional): rounds, minibatches per round, dropout. From the repository root:
 * <pre>
 * mvn -o -q -pl models test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test
 * OMP_NUM_THREADS=1 java -Xmx6g -cp models/target/test-classes:models/target/classes:$(cat /tmp/cp.txt) \
 *     org.sparklstm.models.lstm.FusedLstmBench 8 3
 * </pre>
 */
public final class FusedLstmBench {

    private static final int VOCAB = 80;
    private static final int BATCH = 64;
    private static final int LENGTH = 100;

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        int perRound = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        double dropout = args.length > 2 ? Double.parseDouble(args[2]) : 0.0;
        LanguageModelSpec spec = new LanguageModelSpec(VOCAB, 64, 2, 256, dropout, 2e-3, 5.0, LENGTH, 1);
        System.out.printf("OMP_NUM_THREADS=%s, spec %s, %d rounds x %d minibatches of %dx%d%n",
                System.getenv("OMP_NUM_THREADS"), spec, rounds, perRound, BATCH, LENGTH);

        MultiLayerNetwork dl4j = NetworkFactory.create(spec, LstmImplementation.DL4J);
        MultiLayerNetwork fused = NetworkFactory.create(spec, LstmImplementation.FUSED);
        fused.setParams(dl4j.params().dup());
        List<DataSet> batches = randomMinibatches(perRound, 5);

        for (int i = 0; i < 2; i++) {
            fit(dl4j, batches);
            fit(fused, batches);
        }
        double[] a = new double[rounds];
        double[] b = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            a[r] = tokensPerSecond(dl4j, batches);
            b[r] = tokensPerSecond(fused, batches);
            System.out.printf("round %d: DL4J LSTM %.0f tokens/s, FusedLstm %.0f tokens/s%n", r, a[r], b[r]);
        }
        double ma = median(a);
        double mb = median(b);
        System.out.printf("median tokens/s: DL4J LSTM %.0f, FusedLstm %.0f, speed-up %.2fx%n", ma, mb, mb / ma);
    }

    private static double tokensPerSecond(MultiLayerNetwork net, List<DataSet> batches) {
        long start = System.nanoTime();
        fit(net, batches);
        double seconds = (System.nanoTime() - start) / 1e9;
        return (double) batches.size() * BATCH * LENGTH / seconds;
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

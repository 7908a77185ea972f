package org.sparklstm.models.output;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.Random;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.sparklstm.models.lm.MinibatchEncoder;
import org.sparklstm.models.lm.SequenceBlock;
import org.sparklstm.models.lstm.FusedLstm;
import org.sparklstm.models.nn.BundleFiles;

/** The adaptive softmax: an exact distribution, the gradient of its own loss, and kept whole by a save and load. */
class AdaptiveSoftmaxTest {

    private static final int V = 40;
    private static final int[] CUTOFFS = {10, 25};
    private static final int[] WINDOWS = {0, 1, 2, 3, 4};
    /** Ids skewed to the head, as a frequency-sorted vocabulary's are, with every cluster hit. */
    private static final SequenceBlock BLOCK = skewed(5, 7, 3);

    @Test
    void itsDistributionIsExactAndItsScoreIsThatDistributionsCrossEntropy() {
        MultiLayerNetwork net = network(CUTOFFS);
        DataSet ds = MinibatchEncoder.encode(BLOCK, WINDOWS);
        INDArray p = net.output(ds.getFeatures());
        INDArray sums = p.sum(1);
        for (double s : sums.reshape(sums.length()).toDoubleVector()) {
            assertEquals(1.0, s, 1e-12, "each step's probabilities sum to 1 over the whole vocabulary");
        }
        double crossEntropy = 0;
        for (int b = 0; b < WINDOWS.length; b++) {
            for (int t = 0; t < BLOCK.steps(); t++) {
                crossEntropy -= Math.log(p.getDouble(b, BLOCK.token(WINDOWS[b], t + 1), t));
            }
        }
        assertEquals(crossEntropy / WINDOWS.length, net.score(ds), 1e-10, "scored with the exact distribution");
        assertEquals(net.score(ds), gradientAndScore(net, ds), 1e-10, "and trained on it: no approximation");
    }

    @Test
    void itsGradientIsTheGradientOfItsLoss() {
        MultiLayerNetwork net = network(CUTOFFS);
        DataSet ds = MinibatchEncoder.encode(BLOCK, WINDOWS);
        gradientAndScore(net, ds);
        INDArray analytic = net.getFlattenedGradients().dup();
        INDArray params = net.params();
        long softmaxStart = params.length() - net.getOutputLayer().numParams();
        Random pick = new Random(5);
        for (int check = 0; check < 60; check++) {
            // half the checks in the softmax (its head, clusters and cluster logits), half anywhere
            int i = check % 2 == 0 ? (int) (softmaxStart + pick.nextInt((int) net.getOutputLayer().numParams()))
                    : pick.nextInt((int) params.length());
            double numeric = CentralDifference.derivative(params, i, 1e-6, () -> gradientAndScore(net, ds))
                    * WINDOWS.length;
            assertEquals(numeric, analytic.getDouble(i), 1e-7 + 1e-5 * Math.abs(numeric), "parameter " + i);
        }
    }

    @Test
    void clusterWeightsFollowTheDenseOnesAndSurviveASaveAndLoad() throws Exception {
        MultiLayerNetwork net = network(CUTOFFS);
        long hidden = 6;
        assertEquals(hidden * V + V + (hidden + 1) * CUTOFFS.length, net.getOutputLayer().numParams());
        DataSet ds = MinibatchEncoder.encode(BLOCK, WINDOWS);
        net.fit(ds);
        java.nio.file.Path dir = Files.createTempDirectory("adaptive");
        FileSystem fs = FileSystem.getLocal(new Configuration());
        BundleFiles.writeNetwork(fs, new Path(dir.toUri()), net);
        MultiLayerNetwork loaded = BundleFiles.readNetwork(fs, new Path(dir.toUri()));
        assertArrayEquals(CUTOFFS, ((TokenSoftmax) loaded.getOutputLayer().conf().getLayer()).getCutoffs());
        assertEquals(net.params(), loaded.params());
        assertEquals(net.output(ds.getFeatures()), loaded.output(ds.getFeatures()));
    }

    @Test
    void cutoffsMustRiseWithinTheVocabulary() {
        assertThrows(IllegalArgumentException.class, () -> network(new int[] {10, V}));
        assertThrows(IllegalArgumentException.class, () -> network(new int[] {25, 10}));
        assertThrows(IllegalArgumentException.class,
                () -> new TokenSoftmax.Builder().samples(8).cutoffs(10).nIn(6).nOut(V).build());
    }

    private static double gradientAndScore(MultiLayerNetwork net, DataSet ds) {
        net.setInput(ds.getFeatures());
        net.setLabels(ds.getLabels());
        net.computeGradientAndScore();
        return net.score();
    }

    /** Embedding -> one LSTM -> an adaptive softmax, in double precision. */
    private static MultiLayerNetwork network(int[] cutoffs) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .seed(7).dataType(DataType.DOUBLE).weightInit(WeightInit.XAVIER).updater(new Sgd(0.1)).list()
                .layer(new EmbeddingSequenceLayer.Builder().nIn(V).nOut(5).outputDataFormat(RNNFormat.NCW).build())
                .layer(new FusedLstm.Builder().nIn(5).nOut(6).dataFormat(RNNFormat.NCW).build())
                .layer(new TokenSoftmax.Builder().cutoffs(cutoffs).nIn(6).nOut(V).build())
                .build());
        net.init();
        return net;
    }

    private static SequenceBlock skewed(int windows, int length, long seed) {
        Random r = new Random(seed);
        int[] data = new int[windows * length];
        for (int i = 0; i < data.length; i++) {
            data[i] = i % 3 == 0 ? r.nextInt(V) : r.nextInt(CUTOFFS[0]);
        }
        return new SequenceBlock(length, data);
    }
}

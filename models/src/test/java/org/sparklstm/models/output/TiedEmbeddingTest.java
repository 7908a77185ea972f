package org.sparklstm.models.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.Random;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Sgd;
import org.sparklstm.models.lm.LanguageModelSpec;
import org.sparklstm.models.lm.MinibatchEncoder;
import org.sparklstm.models.lm.NetworkFactory;
import org.sparklstm.models.lm.SoftmaxSpec;
import org.sparklstm.models.lstm.FusedLstm;
import org.sparklstm.models.nn.BundleFiles;
import org.sparklstm.models.nn.Networks;
import org.sparklstm.models.nn.RecurrentCell;

class TiedEmbeddingTest {

    private static final int V = 30;
    private static final int H = 6;

    @Test
    void theEmbeddingIsTheSoftmaxWeightsAndOwnsNoParameters() {
        MultiLayerNetwork tied = NetworkFactory.create(spec(true, SoftmaxSpec.FULL));
        MultiLayerNetwork untied = NetworkFactory.create(spec(false, SoftmaxSpec.FULL));
        assertInstanceOf(TiedEmbeddingLayer.class, tied.getLayer(0));
        assertEquals(0, tied.getLayer(0).numParams());
        assertEquals(untied.numParams() - (long) V * H, tied.numParams(), "one V x H matrix fewer");

        INDArray ids = Nd4j.createFromArray(new float[]{3, 7, 3}).reshape(1, 1, 3);
        INDArray embedded = tied.getLayer(0).activate(ids, false, LayerWorkspaceMgr.noWorkspaces());
        INDArray w = tied.getOutputLayer().getParam(DefaultParamInitializer.WEIGHT_KEY);
        assertEquals(w.getColumn(7), embedded.get(NDArrayIndex.point(0),
                NDArrayIndex.all(), NDArrayIndex.point(1)));

        w.putScalar(2, 7, 5.0);
        INDArray after = tied.getLayer(0).activate(ids, false, LayerWorkspaceMgr.noWorkspaces());
        assertEquals(5.0, after.getDouble(0, 2, 1), 1e-6, "a change to the softmax weights is a change to the embedding");
    }

    @Test
    void gradientHasBothUsesOfTheMatrix() {
        MultiLayerNetwork net = doubleNetwork();
        DataSet ds = MinibatchEncoder.encode(RandomWindows.of(V, 4, 6, 2), new int[]{0, 1, 2, 3});
        gradientAndScore(net, ds);
        INDArray analytic = net.getFlattenedGradients().dup();
        INDArray params = net.params();
        long lstmParams = net.getLayer(1).numParams();
        Random pick = new Random(3);
        for (int check = 0; check < 30; check++) {
            // the softmax weights follow the LSTM's parameters in the flat vector
            long i = lstmParams + pick.nextInt(V * H);
            double numeric = CentralDifference.derivative(params, i, 1e-6, () -> gradientAndScore(net, ds)) * 4;
            assertEquals(numeric, analytic.getDouble(i), 1e-6 + 1e-4 * Math.abs(numeric), "parameter " + i);
        }
    }

    @Test
    void aSavedAndLoadedNetworkIsStillTied() throws Exception {
        MultiLayerNetwork net = NetworkFactory.create(spec(true, SoftmaxSpec.sampled(8)));
        DataSet ds = MinibatchEncoder.encode(RandomWindows.of(V, 4, 6, 2), new int[]{0, 1, 2, 3});
        net.fit(ds);
        java.nio.file.Path dir = Files.createTempDirectory("tied");
        FileSystem fs = FileSystem.getLocal(new Configuration());
        BundleFiles.writeNetwork(fs, new Path(dir.toUri()), net);
        MultiLayerNetwork loaded = BundleFiles.readNetwork(fs, new Path(dir.toUri()));
        assertEquals(net.numParams(), loaded.numParams());
        assertEquals(net.params(), loaded.params());
        assertEquals(net.output(ds.getFeatures()), loaded.output(ds.getFeatures()));
        assertEquals(8, ((TokenSoftmax) loaded.getOutputLayer().conf().getLayer()).getSamples());

        MultiLayerNetwork rebuilt = Networks.fromJson(net.getLayerWiseConfigurations().toJson());
        rebuilt.setParams(net.params());
        assertEquals(net.output(ds.getFeatures()), rebuilt.output(ds.getFeatures()), "rebuilt as on an executor");

        INDArray before = loaded.params().dup();
        loaded.fit(ds);
        assertNotEquals(before, loaded.params(), "the loaded network trains");
    }

    @Test
    void tyingNeedsTheEmbeddingToHaveTheHiddenSize() {
        assertThrows(IllegalArgumentException.class,
                () -> new LanguageModelSpec(V, H + 1, 1, H, 0, 0.01, 0, 0, 7, RecurrentCell.LSTM, SoftmaxSpec.FULL, true));
        assertTrue(NetworkFactory.create(spec(true, SoftmaxSpec.FULL)).getLayer(0) instanceof TiedEmbeddingLayer);
    }

    @Test
    void anUnjoinedEmbeddingSaysSo() {
        MultiLayerNetwork net = new MultiLayerNetwork(NetworkFactory.configuration(spec(true, SoftmaxSpec.FULL)));
        net.init();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> net.output(Nd4j.zeros(DataType.FLOAT, 1, 1, 3)));
        assertTrue(e.getMessage().contains("TiedWeights.tie"), e.getMessage());
    }

    private static LanguageModelSpec spec(boolean tied, SoftmaxSpec softmax) {
        return new LanguageModelSpec(V, H, 1, H, 0, 0.01, 0, 0, 7, RecurrentCell.LSTM, softmax, tied);
    }

    private static double gradientAndScore(MultiLayerNetwork net, DataSet ds) {
        net.setInput(ds.getFeatures());
        net.setLabels(ds.getLabels());
        net.computeGradientAndScore();
        return net.score();
    }

    private static MultiLayerNetwork doubleNetwork() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .seed(7).dataType(DataType.DOUBLE).weightInit(WeightInit.XAVIER).updater(new Sgd(0.1)).list()
                .layer(new TiedEmbedding(V, H))
                .layer(new FusedLstm.Builder().nIn(H).nOut(H).dataFormat(RNNFormat.NCW).build())
                .layer(new TokenSoftmax.Builder().nIn(H).nOut(V).build())
                .build());
        net.init();
        return TiedWeights.tie(net);
    }

}

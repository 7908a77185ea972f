package org.sparklstm.models.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sparklstm.models.lstm.LstmTwins.assertClose;
import static org.sparklstm.models.lstm.LstmTwins.features;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.File;
import java.nio.file.Path;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.GravesLSTM;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.layers.recurrent.BidirectionalLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Sgd;
import org.sparklstm.models.bidirectional.BidirectionalFinalStates;
import org.sparklstm.models.forecast.ForecastNetworkFactory;
import org.sparklstm.models.forecast.ForecastSpec;
import org.sparklstm.models.forecast.Strategy;
import org.sparklstm.models.gru.Gru;
import org.sparklstm.models.gru.GruLayer;
import org.sparklstm.models.lm.LanguageModelSpec;
import org.sparklstm.models.lm.NetworkFactory;
import org.sparklstm.models.lm.NetworkTest;
import org.sparklstm.models.lstm.FusedLstm;
import org.sparklstm.models.lstm.FusedLstmLayer;
import org.sparklstm.models.lstm.LstmTwins;

class RecurrentLayersTest {

    @Test
    void eachCellBuildsItsLayer() {
        assertInstanceOf(FusedLstm.class, RecurrentLayers.build(RecurrentCell.LSTM, false, 3, 5, 0, RNNFormat.NCW).layer());
        GravesLSTM peephole = (GravesLSTM) RecurrentLayers.build(RecurrentCell.PEEPHOLE, false, 3, 5, 0,
                RNNFormat.NCW).layer();
        assertEquals(1.0, peephole.getForgetGateBiasInit());
        assertInstanceOf(Gru.class, RecurrentLayers.build(RecurrentCell.GRU, false, 3, 5, 0, RNNFormat.NCW).layer());
        RecurrentLayers.Built single = RecurrentLayers.build(RecurrentCell.GRU, false, 3, 5, 0.8, RNNFormat.NCW);
        assertEquals(5, single.outputSize());
        assertEquals(0.8, ((org.deeplearning4j.nn.conf.dropout.Dropout) single.layer().getIDropout()).getP());
    }

    @Test
    void cellNamesParse() {
        assertEquals(RecurrentCell.PEEPHOLE, RecurrentCell.fromConfigName(" Peephole "));
        assertEquals("gru", RecurrentCell.GRU.configName());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RecurrentCell.fromConfigName("rnn"));
        assertTrue(e.getMessage().contains("lstm, peephole, gru"), e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(RecurrentCell.class)
    void bidirectionalConcatenatesForwardAndReversedBackward(RecurrentCell cell) {
        RecurrentLayers.Built built = RecurrentLayers.build(cell, true, 3, 4, 0, RNNFormat.NCW);
        assertEquals(8, built.outputSize());
        assertEquals(Bidirectional.Mode.CONCAT, ((Bidirectional) built.layer()).getMode());

        MultiLayerNetwork bi = CellNetworks.perStep(cell, true, DataType.FLOAT, 3, 4, 1, 2, new Sgd(0.1), 0);
        MultiLayerNetwork uni = CellNetworks.perStep(cell, false, DataType.FLOAT, 3, 4, 1, 2, new Sgd(0.1), 0);
        assertInstanceOf(BidirectionalLayer.class, bi.getLayer(0));
        INDArray x = features(40, DataType.FLOAT, 2, 3, 6);
        INDArray out = bi.feedForward(x).get(1);
        assertArrayEquals(new long[] {2, 8, 6}, out.shape());
        // the forward half is the cell with the "f" parameters, the backward half the cell with the "b" parameters
        // run on the time-reversed input and reversed back
        long perDirection = uni.getLayer(0).numParams();
        INDArray params = bi.getLayer(0).params();
        uni.getLayer(0).setParams(params.get(NDArrayIndex.interval(0, 0, true), NDArrayIndex.interval(0, perDirection)));
        assertClose("forward half", uni.feedForward(x).get(1),
                out.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 4), NDArrayIndex.all()), 1e-6, 1e-6);
        uni.getLayer(0).setParams(params.get(NDArrayIndex.interval(0, 0, true),
                NDArrayIndex.interval(perDirection, 2 * perDirection)));
        INDArray backward = reverse(uni.feedForward(reverse(x)).get(1));
        assertClose("backward half", backward,
                out.get(NDArrayIndex.all(), NDArrayIndex.interval(4, 8), NDArrayIndex.all()), 1e-6, 1e-6);
    }

    @ParameterizedTest
    @EnumSource(RecurrentCell.class)
    void bidirectionalNetworksRoundTripThroughJsonAndModelSerializer(RecurrentCell cell, @TempDir Path dir)
            throws Exception {
        for (boolean lastStep : new boolean[] {false, true}) {
            MultiLayerNetwork net = lastStep
                    ? CellNetworks.lastStep(cell, true, DataType.FLOAT, 3, 4, 2, 2, new Adam(0.01))
                    : CellNetworks.perStep(cell, true, DataType.FLOAT, 3, 4, 2, 2, new Adam(0.01), 0);
            INDArray x = features(41, DataType.FLOAT, 2, 3, 5);
            INDArray y = lastStep ? Nd4j.rand(DataType.FLOAT, 2, 2) : LstmTwins.oneHotLabels(42, DataType.FLOAT, 2, 2, 5);
            net.fit(new DataSet(x, y));
            MultiLayerConfiguration conf = net.getLayerWiseConfigurations();
            assertEquals(conf, MultiLayerConfiguration.fromJson(conf.toJson()));
            File file = dir.resolve("net-" + lastStep + ".zip").toFile();
            ModelSerializer.writeModel(net, file, true);
            MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(file, true);
            assertEquals(net.params(), restored.params());
            assertEquals(net.getUpdater().getStateViewArray(), restored.getUpdater().getStateViewArray());
            assertEquals(net.output(x), restored.output(x), cell + " lastStep=" + lastStep);
        }
    }

    @Test
    void forecastNetworkUsesTheSpecsCellAndWidensAfterBidirectionalLayers() {
        ForecastSpec plain = new ForecastSpec(2, new int[] {0}, 4, 1, Strategy.ONE_STEP, false, 2, 5, 0.1, 0.01, 1, 3);
        assertEquals(RecurrentCell.LSTM, plain.cell());
        assertFalse(plain.bidirectional());
        MultiLayerNetwork lstm = ForecastNetworkFactory.create(plain);
        assertInstanceOf(FusedLstmLayer.class, lstm.getLayer(0));

        ForecastSpec gru = plain.withCell(RecurrentCell.GRU, true);
        MultiLayerNetwork net = ForecastNetworkFactory.create(gru);
        MultiLayerConfiguration conf = net.getLayerWiseConfigurations();
        Bidirectional first = (Bidirectional) conf.getConf(0).getLayer();
        assertInstanceOf(Gru.class, first.getFwd());
        Bidirectional second = (Bidirectional) conf.getConf(1).getLayer();
        assertEquals(10, ((Gru) second.getFwd()).getNIn(), "the second layer reads both directions");
        assertInstanceOf(BidirectionalFinalStates.class, conf.getConf(2).getLayer());
        assertEquals(10, ((org.deeplearning4j.nn.conf.layers.OutputLayer) conf.getConf(3).getLayer()).getNIn());
        INDArray out = net.output(features(43, DataType.FLOAT, 3, 2, 4));
        assertArrayEquals(new long[] {3, 1}, out.shape());
        assertInstanceOf(LastTimeStep.class, ForecastNetworkFactory.configuration(plain).getConf(1).getLayer(),
                "unidirectional forecasters keep DL4J's LastTimeStep");
    }

    @ParameterizedTest
    @EnumSource(RecurrentCell.class)
    void bidirectionalFinalStatesAreEachDirectionAfterTheWholeSequence(RecurrentCell cell) {
        MultiLayerNetwork bi = CellNetworks.lastStep(cell, true, DataType.FLOAT, 3, 4, 1, 2, new Sgd(0.1));
        MultiLayerNetwork uni = CellNetworks.perStep(cell, false, DataType.FLOAT, 3, 4, 1, 2, new Sgd(0.1), 0);
        INDArray x = features(44, DataType.FLOAT, 2, 3, 6);
        INDArray finalStates = bi.feedForward(x).get(2);
        assertArrayEquals(new long[] {2, 8}, finalStates.shape());
        long perDirection = uni.getLayer(0).numParams();
        INDArray params = bi.getLayer(0).params();
        uni.getLayer(0).setParams(params.get(NDArrayIndex.interval(0, 0, true), NDArrayIndex.interval(0, perDirection)));
        INDArray forward = uni.feedForward(x).get(1);
        assertClose("forward direction after x_0..x_5", forward.get(NDArrayIndex.all(), NDArrayIndex.all(),
                NDArrayIndex.point(5)), finalStates.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 4)), 1e-6, 1e-6);
        uni.getLayer(0).setParams(params.get(NDArrayIndex.interval(0, 0, true),
                NDArrayIndex.interval(perDirection, 2 * perDirection)));
        INDArray backward = uni.feedForward(reverse(x)).get(1);
        assertClose("backward direction after x_5..x_0", backward.get(NDArrayIndex.all(), NDArrayIndex.all(),
                NDArrayIndex.point(5)), finalStates.get(NDArrayIndex.all(), NDArrayIndex.interval(4, 8)), 1e-6, 1e-6);
    }

    @Test
    void forecastSpecFromJsonWithoutCellFieldsIsAnLstm() {
        Gson gson = new Gson();
        ForecastSpec spec = new ForecastSpec(2, new int[] {0, 1}, 4, 3, Strategy.DIRECT, true, 1, 5, 0, 0.01, 1, 3)
                .withCell(RecurrentCell.PEEPHOLE, true);
        assertEquals(spec.cell(), gson.fromJson(gson.toJson(spec), ForecastSpec.class).cell());
        assertTrue(gson.fromJson(gson.toJson(spec), ForecastSpec.class).bidirectional());
        JsonObject old = JsonParser.parseString(gson.toJson(spec)).getAsJsonObject();
        old.remove("cell");
        old.remove("bidirectional");
        ForecastSpec read = gson.fromJson(old, ForecastSpec.class);
        assertEquals(RecurrentCell.LSTM, read.cell());
        assertFalse(read.bidirectional());
        assertEquals(3, read.horizon());
    }

    @Test
    void languageModelTakesEveryCellButRefusesBidirectional() {
        LanguageModelSpec spec = new LanguageModelSpec(NetworkTest.VOCAB, 8, 2, 16, 0.2, 0.01, 5.0, 0, 7);
        assertEquals(RecurrentCell.LSTM, spec.cell());
        assertEquals(RecurrentCell.GRU, spec.withCell(RecurrentCell.GRU).withVocabularySize(9).cell());
        assertInstanceOf(GruLayer.class, NetworkFactory.create(spec.withCell(RecurrentCell.GRU, false)).getLayer(2));
        assertInstanceOf(org.deeplearning4j.nn.layers.recurrent.GravesLSTM.class,
                NetworkFactory.create(spec.withCell(RecurrentCell.PEEPHOLE)).getLayer(1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> spec.withCell(RecurrentCell.GRU, true));
        assertTrue(e.getMessage().contains("bidirectional"), e.getMessage());
    }

    private static INDArray reverse(INDArray sequence) {
        long t = sequence.size(2);
        INDArray out = sequence.dup();
        for (long s = 0; s < t; s++) {
            out.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(s))
                    .assign(sequence.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(t - 1 - s)));
        }
        return out;
    }
}

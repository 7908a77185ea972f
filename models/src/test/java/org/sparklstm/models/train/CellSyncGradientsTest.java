package org.sparklstm.models.train;

import static org.sparklstm.models.lstm.LstmTwins.assertClose;
import static org.sparklstm.models.lstm.LstmTwins.features;

import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.sparklstm.models.forecast.ForecastNetworkFactory;
import org.sparklstm.models.forecast.ForecastSpec;
import org.sparklstm.models.forecast.Strategy;
import org.sparklstm.models.lm.LanguageModelSpec;
import org.sparklstm.models.lm.NetworkFactory;
import org.sparklstm.models.lm.NetworkTest;
import org.sparklstm.models.nn.RecurrentCell;

/**
 * The sync-gradients trainer's arithmetic ({@link Gradients}: gradient sums of parts of a minibatch, one update)
 * equals DL4J's fit for every cell, bidirectional too.
 */
class CellSyncGradientsTest {

    @ParameterizedTest
    @EnumSource(RecurrentCell.class)
    void languageModel(RecurrentCell cell) {
        LanguageModelSpec spec = new LanguageModelSpec(NetworkTest.VOCAB, 8, 2, 16, 0.0, 0.01, 1.0, 0, 7)
                .withCell(cell);
        INDArray ids = Nd4j.rand(5, new long[] {4, 1, 9}).muli(NetworkTest.VOCAB).castTo(DataType.INT32)
                .castTo(DataType.FLOAT);
        INDArray next = Nd4j.rand(6, new long[] {4, 1, 9}).muli(NetworkTest.VOCAB).castTo(DataType.INT32)
                .castTo(DataType.FLOAT);
        DataSet batch = new DataSet(ids, next);
        assertSplitEqualsFit(NetworkFactory.create(spec), NetworkFactory.create(spec), batch, cell.configName());
    }

    @ParameterizedTest
    @EnumSource(RecurrentCell.class)
    void forecaster(RecurrentCell cell) {
        for (boolean bidirectional : new boolean[] {false, true}) {
            ForecastSpec spec = new ForecastSpec(2, new int[] {0, 1}, 6, 1, Strategy.ONE_STEP, false, 2, 5, 0, 0.01, 1,
                    3).withCell(cell, bidirectional);
            DataSet batch = new DataSet(features(7, DataType.FLOAT, 4, 2, 6), Nd4j.rand(DataType.FLOAT, 4, 2));
            assertSplitEqualsFit(ForecastNetworkFactory.create(spec), ForecastNetworkFactory.create(spec), batch,
                    cell.configName() + " bidirectional=" + bidirectional);
        }
    }

    /** b: gradients of two halves of the batch summed and applied once; a: DL4J's fit on the whole batch. */
    private static void assertSplitEqualsFit(MultiLayerNetwork a, MultiLayerNetwork b, DataSet batch, String what) {
        INDArray start = a.params().dup();
        a.fit(batch);
        Gradients.Part first = Gradients.compute(b, half(batch, 0, 2));
        Gradients.Part second = Gradients.compute(b, half(batch, 2, 4));
        double[] sum = new double[first.sum().length];
        for (int i = 0; i < sum.length; i++) {
            sum[i] = first.sum()[i] + second.sum()[i];
        }
        Gradients.apply(b, sum, 4);
        assertClose(what + ": parameters after one update", a.params(), b.params(), 1e-4, 1e-5);
        org.junit.jupiter.api.Assertions.assertTrue(a.params().sub(start).amaxNumber().doubleValue() > 1e-4,
                what + ": the update moved the parameters");
    }

    private static DataSet half(DataSet batch, int from, int to) {
        List<INDArray> parts = List.of(batch.getFeatures(), batch.getLabels());
        INDArray[] out = new INDArray[2];
        for (int i = 0; i < 2; i++) {
            INDArray p = parts.get(i);
            out[i] = p.rank() == 3
                    ? p.get(NDArrayIndex.interval(from, to), NDArrayIndex.all(), NDArrayIndex.all()).dup()
                    : p.get(NDArrayIndex.interval(from, to), NDArrayIndex.all()).dup();
        }
        return new DataSet(out[0], out[1]);
    }
}

package org.sparklstm.models.output;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.AbstractLayer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.util.TimeSeriesUtils;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scatter.ScatterUpdate;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runtime of {@link TiedEmbedding}. The softmax weights {@code W [size, V]} are column-major, so the embedding of
 * id {@code i} is the contiguous row {@code i} of {@code W^T}. The backward pass adds into the softmax layer's
 * gradient of {@code W}, which that layer has already written (backpropagation visits it first), so the updater sees
 * the sum of both uses.
 */
public class TiedEmbeddingLayer extends AbstractLayer<TiedEmbedding> {

    private TokenSoftmaxLayer softmax;

    public TiedEmbeddingLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    /** Joins this layer to the softmax layer whose weights it uses; see {@link TiedWeights}. */
    void tieTo(TokenSoftmaxLayer layer) {
        this.softmax = layer;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        INDArray rows = Nd4j.pullRows(softmax().getParam(DefaultParamInitializer.WEIGHT_KEY).transpose(), 1, RowIds.of(input));
        return TimeSeriesUtils.reshape2dTo3d(rows, input.size(0), workspaceMgr, ArrayType.ACTIVATIONS);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        INDArray delta = TimeSeriesUtils.reshape3dTo2d(epsilon, workspaceMgr, ArrayType.BP_WORKING_MEM);
        // as DL4J's own embedding layers: a scatter that adds the rows of repeated ids
        Nd4j.scatterUpdate(ScatterUpdate.UpdateOp.ADD, softmax().weightGradientView().transpose(),
                Nd4j.createFromArray(RowIds.of(input)), delta, 1);
        return new Pair<>(new DefaultGradient(), null);
    }

    private TokenSoftmaxLayer softmax() {
        if (softmax == null) {
            throw new IllegalStateException("the tied embedding " + layerId() + " is not joined to its softmax: build "
                    + "the network with TiedWeights.tie");
        }
        return softmax;
    }

    @Override
    public double calcRegularizationScore(boolean backpropOnlyParams) {
        return 0;
    }

    @Override
    public Type type() {
        return Type.RECURRENT;
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    @Override
    public void clearNoiseWeightParams() {
    }

    @Override
    public INDArray params() {
        return null;
    }
}

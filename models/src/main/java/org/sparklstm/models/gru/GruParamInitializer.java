package org.sparklstm.models.gru;

import java.util.LinkedHashMap;
import java.util.Map;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.sparklstm.models.layers.OwnRecurrentParamInitializer;

/**
 * Parameters of {@link Gru}, flattened in the order W [nIn, 3H], RW [H, 3H], b [1, 3H], each 'f'-ordered as in
 * DL4J's own layers; columns [0,H) reset gate r, [H,2H) update gate z, [2H,3H) candidate n.
 */
public final class GruParamInitializer extends OwnRecurrentParamInitializer {

    private static final GruParamInitializer INSTANCE = new GruParamInitializer();

    private GruParamInitializer() {
    }

    public static GruParamInitializer getInstance() {
        return INSTANCE;
    }

    @Override
    public long numParams(Layer layer) {
        Gru gru = (Gru) layer;
        long h = gru.getNOut();
        return (gru.getNIn() + h + 1) * 3 * h;
    }

    @Override
    protected Map<String, INDArray> paramViews(NeuralNetConfiguration conf, INDArray paramsView,
                                               boolean initializeParams) {
        Gru gru = (Gru) conf.getLayer();
        Map<String, INDArray> params = views(gru, paramsView);
        if (initializeParams) {
            long nIn = gru.getNIn();
            long h = gru.getNOut();
            IWeightInit input = gru.getWeightInitFn();
            IWeightInit recurrent = gru.getWeightInitFnRecurrent() != null ? gru.getWeightInitFnRecurrent() : input;
            input.init(nIn, 3 * h, new long[] {nIn, 3 * h}, 'f', params.get(INPUT_WEIGHT_KEY));
            recurrent.init(h, 3 * h, new long[] {h, 3 * h}, 'f', params.get(RECURRENT_WEIGHT_KEY));
            params.get(BIAS_KEY).assign(gru.getBiasInit());
        }
        return params;
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        return views((Gru) conf.getLayer(), gradientView);
    }

    /** W, RW and b as views of a flat parameter (or gradient) array. */
    private static Map<String, INDArray> views(Gru gru, INDArray flat) {
        long nIn = gru.getNIn();
        long h = gru.getNOut();
        long expected = (nIn + h + 1) * 3 * h;
        if (flat.length() != expected) {
            throw new IllegalArgumentException("Gru expects " + expected + " parameters, got " + flat.length());
        }
        INDArray vector = flat.reshape(flat.length());
        long wEnd = nIn * 3 * h;
        long rwEnd = wEnd + h * 3 * h;
        Map<String, INDArray> out = new LinkedHashMap<>();
        out.put(INPUT_WEIGHT_KEY, vector.get(NDArrayIndex.interval(0, wEnd)).reshape('f', nIn, 3 * h));
        out.put(RECURRENT_WEIGHT_KEY, vector.get(NDArrayIndex.interval(wEnd, rwEnd)).reshape('f', h, 3 * h));
        out.put(BIAS_KEY, vector.get(NDArrayIndex.interval(rwEnd, expected)).reshape('f', 1, 3 * h));
        return out;
    }
}

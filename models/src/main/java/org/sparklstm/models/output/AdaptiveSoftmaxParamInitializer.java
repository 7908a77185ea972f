package org.sparklstm.models.output;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The parameters of a {@link TokenSoftmax} with an adaptive softmax: DL4J's dense "W" {@code [nIn, V]} and "b"
 * {@code [1, V]} first, laid out and initialised by {@link DefaultParamInitializer} (so they are those of the full
 * softmax), then the cluster logits' "cW" {@code [nIn, K]} (initialised as W) and "cb" {@code [1, K]} (zeros).
 */
final class AdaptiveSoftmaxParamInitializer implements ParamInitializer {

    static final String CLUSTER_WEIGHT_KEY = "cW";
    static final String CLUSTER_BIAS_KEY = "cb";

    private static final DefaultParamInitializer DENSE = DefaultParamInitializer.getInstance();
    private static final AdaptiveSoftmaxParamInitializer INSTANCE = new AdaptiveSoftmaxParamInitializer();
    private static final List<String> KEYS = List.of(DefaultParamInitializer.WEIGHT_KEY,
            DefaultParamInitializer.BIAS_KEY, CLUSTER_WEIGHT_KEY, CLUSTER_BIAS_KEY);
    private static final List<String> WEIGHT_KEYS = List.of(DefaultParamInitializer.WEIGHT_KEY, CLUSTER_WEIGHT_KEY);
    private static final List<String> BIAS_KEYS = List.of(DefaultParamInitializer.BIAS_KEY, CLUSTER_BIAS_KEY);

    private AdaptiveSoftmaxParamInitializer() {
    }

    static AdaptiveSoftmaxParamInitializer getInstance() {
        return INSTANCE;
    }

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public long numParams(Layer layer) {
        TokenSoftmax softmax = (TokenSoftmax) layer;
        return DENSE.numParams(layer) + (softmax.getNIn() + 1) * clusters(layer);
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        return KEYS;
    }

    @Override
    public List<String> weightKeys(Layer layer) {
        return WEIGHT_KEYS;
    }

    @Override
    public List<String> biasKeys(Layer layer) {
        return BIAS_KEYS;
    }

    @Override
    public boolean isWeightParam(Layer layer, String key) {
        return WEIGHT_KEYS.contains(key);
    }

    @Override
    public boolean isBiasParam(Layer layer, String key) {
        return BIAS_KEYS.contains(key);
    }

    @Override
    public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray paramsView, boolean initializeParams) {
        TokenSoftmax softmax = (TokenSoftmax) conf.getLayer();
        long dense = DENSE.numParams(softmax);
        Map<String, INDArray> params = new LinkedHashMap<>(DENSE.init(conf, denseView(paramsView, dense),
                initializeParams));
        Map<String, INDArray> clusters = clusterViews(softmax, paramsView, dense);
        if (initializeParams) {
            long nIn = softmax.getNIn();
            int k = clusters(softmax);
            softmax.getWeightInitFn().init(nIn, k, new long[] {nIn, k}, 'f', clusters.get(CLUSTER_WEIGHT_KEY));
            clusters.get(CLUSTER_BIAS_KEY).assign(0);
        }
        params.putAll(clusters);
        for (String key : clusters.keySet()) {
            if (!conf.variables(false).contains(key)) {
                conf.addVariable(key);
            }
        }
        return params;
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        TokenSoftmax softmax = (TokenSoftmax) conf.getLayer();
        long dense = DENSE.numParams(softmax);
        Map<String, INDArray> gradients = new LinkedHashMap<>(DENSE.getGradientsFromFlattened(conf,
                denseView(gradientView, dense)));
        gradients.putAll(clusterViews(softmax, gradientView, dense));
        return gradients;
    }

    private static int clusters(Layer layer) {
        return ((TokenSoftmax) layer).getCutoffs().length;
    }

    private static INDArray denseView(INDArray flat, long dense) {
        return flat.get(NDArrayIndex.interval(0, 0, true), NDArrayIndex.interval(0, dense));
    }

    /** cW and cb, after the dense parameters in the layer's flat array. */
    private static Map<String, INDArray> clusterViews(TokenSoftmax softmax, INDArray flat, long dense) {
        long nIn = softmax.getNIn();
        int k = clusters(softmax);
        long weights = nIn * k;
        Map<String, INDArray> views = new LinkedHashMap<>();
        views.put(CLUSTER_WEIGHT_KEY, flat.get(NDArrayIndex.interval(0, 0, true),
                NDArrayIndex.interval(dense, dense + weights)).reshape('f', nIn, k));
        views.put(CLUSTER_BIAS_KEY, flat.get(NDArrayIndex.interval(0, 0, true),
                NDArrayIndex.interval(dense + weights, dense + weights + k)));
        return views;
    }
}

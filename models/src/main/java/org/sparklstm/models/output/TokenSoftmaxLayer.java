package org.sparklstm.models.output;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.BaseOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.util.TimeSeriesUtils;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.ResetPolicy;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.sparklstm.models.nn.NativeArrays;

/**
 * Runtime of {@link TokenSoftmax}. Labels are token ids {@code [mb, 1, T]}: memory for targets follows the minibatch,
 * not the vocabulary. A training step computes the logits once for both the gradient and the score (DL4J's output
 * layers compute them twice), with the full softmax or, when configured, a {@link SampledSoftmax} or an
 * {@link AdaptiveSoftmax}; outputs and every score outside a training step are exact over the whole vocabulary (the
 * adaptive softmax's own distribution, which is exact; the full softmax's otherwise).
 */
public class TokenSoftmaxLayer extends BaseOutputLayer<TokenSoftmax> {

    /** The loss of the last training step, and the arrays it was computed on (compared by identity). */
    private record Step(INDArray input, INDArray labels, double lossSum) {
    }

    /** About how many floats of a distribution scoring holds at once: 16 MB, whatever the vocabulary. */
    private static final int SLICE_FLOATS = 1 << 22;
    /** Sized by the first slice it holds, then reused (see {@link #scoringWorkspace}). */
    private static final WorkspaceConfiguration SCORING = WorkspaceConfiguration.builder()
            .policyAllocation(AllocationPolicy.OVERALLOCATE).policyLearning(LearningPolicy.FIRST_LOOP)
            .policyReset(ResetPolicy.BLOCK_LEFT).build();

    private Step lastStep;
    private SampledSoftmax sampled;
    private AdaptiveSoftmax adaptive;
    /** While set, {@link #activate} hands its input on instead of a distribution (see {@link #hiddenStates}). */
    private boolean passInput;

    public TokenSoftmaxLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        if (passInput) {
            return workspaceMgr.dup(ArrayType.ACTIVATIONS, input);
        }
        applyDropOutIfNecessary(training, workspaceMgr);
        return TimeSeriesUtils.reshape2dTo3d(probabilities(rows(workspaceMgr)), input.size(0), workspaceMgr,
                ArrayType.ACTIVATIONS);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        applyDropOutIfNecessary(true, workspaceMgr);
        INDArray x = rows(workspaceMgr);
        int[] targets = targets();
        INDArray w = getParam(DefaultParamInitializer.WEIGHT_KEY);
        INDArray b = getParam(DefaultParamInitializer.BIAS_KEY);
        INDArray gradW = gradientViews.get(DefaultParamInitializer.WEIGHT_KEY);
        INDArray gradB = gradientViews.get(DefaultParamInitializer.BIAS_KEY);
        SoftmaxBackward step;
        if (layerConf().adaptive()) {
            step = adaptive().backward(x, targets, adaptiveParams(), adaptiveGradients());
        } else if (sampling()) {
            step = sampled().backward(x, targets, w, b, gradW, gradB, new SplittableRandom(Nd4j.getRandom().nextLong()));
        } else {
            step = FullSoftmax.backward(x, targets, w, b, gradW, gradB);
        }
        lastStep = new Step(input, labels, step.lossSum());
        Gradient gradient = new DefaultGradient();
        for (String key : conf().variables(false)) {
            gradient.gradientForVariable().put(key, gradientViews.get(key));
        }
        INDArray epsilonNext = TimeSeriesUtils.reshape2dTo3d(step.inputGradient(), input.size(0), workspaceMgr,
                ArrayType.ACTIVATION_GRAD);
        return new Pair<>(gradient, backpropDropOutIfPresent(epsilonNext));
    }

    /**
     * DL4J's score: the summed loss over the minibatch's targets divided by the minibatch size, plus the
     * regularization term. Right after a training step it is that step's loss (sampled, if it sampled); otherwise
     * the exact cross-entropy.
     */
    @Override
    public double computeScore(double fullNetRegTerm, boolean training, LayerWorkspaceMgr workspaceMgr) {
        double lossSum;
        if (lastStep != null && lastStep.input() == input && lastStep.labels() == labels) {
            lossSum = lastStep.lossSum();
        } else {
            applyDropOutIfNecessary(training, workspaceMgr);
            lossSum = Arrays.stream(rowLosses(rows(workspaceMgr), targets())).sum();
        }
        score = lossSum / getInputMiniBatchSize() + fullNetRegTerm;
        return score;
    }

    /** Each sequence's summed exact cross-entropy, {@code [mb, 1]}. */
    @Override
    public INDArray computeScoreForExamples(double fullNetRegTerm, LayerWorkspaceMgr workspaceMgr) {
        double[] losses = rowLosses(rows(workspaceMgr), targets());
        int mb = (int) input.size(0);
        double[] sums = new double[mb];
        for (int r = 0; r < losses.length; r++) {
            sums[r % mb] += losses[r];
        }
        return Nd4j.createFromArray(sums).reshape(mb, 1).castTo(dataType).addi(fullNetRegTerm);
    }

    /**
     * The hidden states that enter the token softmax of {@code net}, {@code [mb, nIn, T]}, from the network's own
     * forward pass ({@code stateful}: each recurrent layer continues from its stored state and stores its last, as
     * {@code rnnTimeStep} does), without the distribution: scoring them with {@link #targetLosses} then holds the rows
     * of one slice, never {@code batch x steps x vocabulary}.
     */
    public static INDArray hiddenStates(MultiLayerNetwork net, INDArray features, boolean stateful) {
        TokenSoftmaxLayer softmax = (TokenSoftmaxLayer) net.getOutputLayer();
        softmax.passInput = true;
        try {
            return stateful ? net.rnnTimeStep(features) : net.output(features, false);
        } finally {
            softmax.passInput = false;
        }
    }

    /**
     * Each target's exact negative log-likelihood given hidden states {@code [mb, nIn, T]} (see {@link #hiddenStates});
     * targets in row order {@code b + mb * t}. Computed a slice of rows at a time, each slice's arrays released
     * before the next.
     */
    public double[] targetLosses(INDArray hidden, int[] targets) {
        INDArray rows = hiddenRows(hidden);
        double[] losses = new double[targets.length];
        int slice = sliceRows();
        for (int from = 0; from < targets.length; from += slice) {
            int to = Math.min(targets.length, from + slice);
            INDArray x = rows.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
            try (MemoryWorkspace ignored = scoringWorkspace()) {
                double[] part = rowLosses(x, Arrays.copyOfRange(targets, from, to));
                System.arraycopy(part, 0, losses, from, part.length);
            }
        }
        releaseRows(rows, hidden);
        return losses;
    }

    /**
     * For the given rows of hidden states {@code [mb, nIn, T]} (row order {@code b + mb * t}), the summed exact
     * probability of the ids {@code ids}, a slice of rows at a time.
     */
    public double[] probabilityOf(INDArray hidden, int[] rowIndexes, int[] ids) {
        INDArray rows = hiddenRows(hidden);
        double[] sums = new double[rowIndexes.length];
        int slice = sliceRows();
        for (int from = 0; from < rowIndexes.length; from += slice) {
            int to = Math.min(rowIndexes.length, from + slice);
            try (MemoryWorkspace ignored = scoringWorkspace()) {
                INDArray p = probabilities(Nd4j.pullRows(rows, 1, Arrays.copyOfRange(rowIndexes, from, to)));
                for (int r = from; r < to; r++) {
                    for (int id : ids) {
                        sums[r] += p.getDouble(r - from, id);
                    }
                }
            }
        }
        releaseRows(rows, hidden);
        return sums;
    }

    @Override
    protected INDArray getLabels2d(LayerWorkspaceMgr workspaceMgr, ArrayType arrayType) {
        return TimeSeriesUtils.reshape3dTo2d(labels, workspaceMgr, arrayType);
    }

    @Override
    public Type type() {
        return Type.RECURRENT;
    }

    @Override
    public void setMaskArray(INDArray maskArray) {
        if (maskArray != null) {
            throw new UnsupportedOperationException("TokenSoftmax does not support masks: a language model's windows"
                    + " have no padding " + layerId());
        }
        this.maskArray = null;
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState currentMaskState,
                                                          int minibatchSize) {
        setMaskArray(maskArray);
        return null;
    }

    @Override
    public void clear() {
        super.clear();
        lastStep = null;
    }

    /** The gradient view of the weights, which a {@link TiedEmbeddingLayer} adds its part to. */
    INDArray weightGradientView() {
        return gradientViews.get(DefaultParamInitializer.WEIGHT_KEY);
    }

    /** The exact distribution over the vocabulary of each row {@code [N, V]}. */
    private INDArray probabilities(INDArray x) {
        return layerConf().adaptive() ? adaptive().probabilities(x, adaptiveParams())
                : FullSoftmax.probabilities(x, getParam(DefaultParamInitializer.WEIGHT_KEY),
                getParam(DefaultParamInitializer.BIAS_KEY));
    }

    /** Each row's exact negative log-likelihood of its target. */
    private double[] rowLosses(INDArray x, int[] targets) {
        return layerConf().adaptive() ? adaptive().rowLosses(x, targets, adaptiveParams())
                : FullSoftmax.rowLosses(FullSoftmax.probabilities(x, getParam(DefaultParamInitializer.WEIGHT_KEY),
                getParam(DefaultParamInitializer.BIAS_KEY)), targets);
    }

    /**
     * Opens the scoring workspace: every array a slice's scoring makes (ND4J's own copies of weight views included)
     * is placed there and its memory reused by the next slice, where outside a workspace each would wait in native
     * memory for a collection. Nothing made inside outlives the scope: scoring returns Java arrays.
     */
    private static MemoryWorkspace scoringWorkspace() {
        return Nd4j.getWorkspaceManager().getAndActivateWorkspace(SCORING, "TOKEN_SOFTMAX_SCORING");
    }

    /** Rows of hidden states {@code [mb * T, nIn]}, a copy outside any workspace (row {@code b + mb * t}). */
    private static INDArray hiddenRows(INDArray hidden) {
        return TimeSeriesUtils.reshape3dTo2d(hidden, LayerWorkspaceMgr.noWorkspaces(), ArrayType.ACTIVATIONS);
    }

    /** Releases rows made by {@link #hiddenRows} unless they are the hidden states' own buffer (one row). */
    private static void releaseRows(INDArray rows, INDArray hidden) {
        if (rows.data() != hidden.data()) {
            NativeArrays.release(rows);
        }
    }

    /** How many rows a scoring slice holds: {@link #SLICE_FLOATS} over the vocabulary. */
    private int sliceRows() {
        return (int) Math.max(1, SLICE_FLOATS / layerConf().getNOut());
    }

    private AdaptiveSoftmax adaptive() {
        if (adaptive == null) {
            adaptive = new AdaptiveSoftmax(layerConf().getCutoffs(), (int) layerConf().getNOut());
        }
        return adaptive;
    }

    private AdaptiveSoftmax.Params adaptiveParams() {
        return new AdaptiveSoftmax.Params(getParam(DefaultParamInitializer.WEIGHT_KEY),
                getParam(DefaultParamInitializer.BIAS_KEY),
                getParam(AdaptiveSoftmaxParamInitializer.CLUSTER_WEIGHT_KEY),
                getParam(AdaptiveSoftmaxParamInitializer.CLUSTER_BIAS_KEY));
    }

    private AdaptiveSoftmax.Params adaptiveGradients() {
        return new AdaptiveSoftmax.Params(gradientViews.get(DefaultParamInitializer.WEIGHT_KEY),
                gradientViews.get(DefaultParamInitializer.BIAS_KEY),
                gradientViews.get(AdaptiveSoftmaxParamInitializer.CLUSTER_WEIGHT_KEY),
                gradientViews.get(AdaptiveSoftmaxParamInitializer.CLUSTER_BIAS_KEY));
    }

    private boolean sampling() {
        int samples = layerConf().getSamples();
        return samples > 0 && samples < layerConf().getNOut();
    }

    private SampledSoftmax sampled() {
        if (sampled == null) {
            sampled = new SampledSoftmax((int) layerConf().getNOut(), layerConf().getSamples());
        }
        return sampled;
    }

    /** The input {@code [mb, nIn, T]} as rows {@code [mb * T, nIn]}, row {@code b + mb * t} for step t of b. */
    private INDArray rows(LayerWorkspaceMgr workspaceMgr) {
        if (input.rank() != 3) {
            throw new IllegalArgumentException("TokenSoftmax needs input [minibatch, size, time], got rank "
                    + input.rank() + " " + layerId());
        }
        return TimeSeriesUtils.reshape3dTo2d(input, workspaceMgr, ArrayType.FF_WORKING_MEM);
    }

    /** The target ids in the order of {@link #rows}; labels are {@code [mb, 1, T]} ids. */
    private int[] targets() {
        if (labels == null || labels.rank() != 3 || labels.size(1) != 1) {
            throw new IllegalArgumentException("TokenSoftmax needs labels of token ids [minibatch, 1, time], got "
                    + (labels == null ? "none" : Arrays.toString(labels.shape())) + " " + layerId());
        }
        int vocabulary = (int) layerConf().getNOut();
        int[] targets = RowIds.of(labels);
        for (int id : targets) {
            if (id < 0 || id >= vocabulary) {
                throw new IllegalArgumentException("target id " + id + " outside the vocabulary of " + vocabulary
                        + " " + layerId());
            }
        }
        return targets;
    }
}

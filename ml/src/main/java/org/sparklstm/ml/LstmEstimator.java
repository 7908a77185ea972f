package org.sparklstm.ml;

import static org.sparklstm.ml.Declare.anyLong;
import static org.sparklstm.ml.Declare.atLeast;
import static org.sparklstm.ml.Declare.number;
import static org.sparklstm.ml.Declare.oneOf;
import static org.sparklstm.ml.Declare.string;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamPair;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.sparklstm.models.lm.SoftmaxSpec;
import org.sparklstm.models.nn.RecurrentCell;
import org.sparklstm.pipeline.flow.CommonSettings;
import org.sparklstm.pipeline.flow.ModelSettings;
import org.sparklstm.pipeline.flow.TrainingSettings;
import org.sparklstm.pipeline.train.AdamState;
import org.sparklstm.pipeline.train.ClipMode;
import org.sparklstm.pipeline.train.LearningRateSchedule;
import org.sparklstm.pipeline.train.TrainerKind;

/**
 * What every spark-lstm estimator shares: the network's shape and optimiser ({@code model.*}) and how it trains
 * ({@code train.*}), one param per configuration key with the key's default, and where its run's checkpoints go.
 * {@link #commonSettings} turns them into the settings the command line's training flows take.
 *
 * @param <E> the estimator itself, so that setters chain
 * @param <M> the model it fits
 */
public abstract class LstmEstimator<E extends LstmEstimator<E, M>, M extends Model<M>> extends IdentifiedEstimator<M>
        implements DefaultParamsWritable {

    // model.*
    private final IntParam embedding = atLeast(this, "embedding", "embedding size", 1, 64);
    private final IntParam layers = atLeast(this, "layers", "stacked recurrent layers", 1, 2);
    private final IntParam hidden = atLeast(this, "hidden", "units per recurrent layer", 1, 256);
    private final DoubleParam dropout = number(this, "dropout", "probability of dropping an activation between "
            + "layers, in [0, 1)", ParamValidators.inRange(0, 1, true, false), 0.0);
    private final Param<String> cell = oneOf(this, "cell", "the recurrent cell", "lstm", "lstm", "peephole", "gru");
    // train.*
    private final Param<String> trainer = oneOf(this, "trainer", "averaging: parameter averaging; sync-gradients: one "
            + "update per minibatch of all workers", "averaging", "averaging", "sync-gradients");
    private final IntParam epochs = atLeast(this, "epochs", "passes over the training rows", 1, 1);
    private final IntParam workers = atLeast(this, "workers", "partitions trained in parallel; 0 = Spark's default "
            + "parallelism", 0, 0);
    private final IntParam batchSize = atLeast(this, "batchSize", "sequences per minibatch, per worker", 1, 64);
    private final IntParam globalBatchSize = atLeast(this, "globalBatchSize", "sequences per minibatch over all "
            + "workers, each taking an equal share; 0 = batchSize per worker", 0, 0);
    private final IntParam averagingFrequency = atLeast(this, "averagingFrequency", "minibatches each worker fits "
            + "between two parameter averages", 1, 5);
    private final DoubleParam learningRate = number(this, "learningRate", "Adam's learning rate (> 0)",
            ParamValidators.gt(0), 0.002);
    private final DoubleParam clipNorm = number(this, "clipNorm", "gradient L2 norm limit; 0 = off",
            ParamValidators.gtEq(0), 5.0);
    private final Param<String> clipMode = oneOf(this, "clipMode", "per-layer: each layer's norm; global: one norm "
            + "over all parameters", "per-layer", "per-layer", "global");
    private final LongParam seed = anyLong(this, "seed", "random seed of initialisation, minibatch order and "
            + "held-out rows", 42);
    private final IntParam evalBatchSize = atLeast(this, "evalBatchSize", "sequences per minibatch when scoring", 1,
            128);
    private final DoubleParam updateScale = number(this, "updateScale", "multiplies each round's averaged parameter "
            + "change (> 0); 1 = plain averaging", ParamValidators.gt(0), 1.0);
    private final Param<String> adamState = oneOf(this, "adamState", "the workers' Adam moments after a round",
            "averaged", Arrays.stream(AdamState.values()).map(AdamState::configName).toArray(String[]::new));
    private final DoubleParam blockMomentum = number(this, "blockMomentum", "momentum over averaging rounds, in "
            + "[0, 1); 0 = plain averaging", ParamValidators.inRange(0, 1, true, false), 0.0);
    private final Param<String> lrSchedule = oneOf(this, "lrSchedule", "how the learning rate changes", "constant",
            Arrays.stream(LearningRateSchedule.Kind.values()).map(LearningRateSchedule.Kind::configName)
                    .toArray(String[]::new));
    private final IntParam lrStepEpochs = atLeast(this, "lrStepEpochs", "lrSchedule step: epochs between steps", 1,
            1);
    private final DoubleParam lrFactor = number(this, "lrFactor", "what lrSchedule step and plateau multiply the rate "
            + "by, in (0, 1]", ParamValidators.inRange(0, 1, false, true), 0.5);
    private final IntParam lrPatience = atLeast(this, "lrPatience", "lrSchedule plateau: epochs without a lower "
            + "validation loss before the rate falls", 1, 1);
    private final IntParam warmupRounds = atLeast(this, "warmupRounds", "averaging rounds over which the rate rises "
            + "linearly first", 0, 0);
    private final IntParam earlyStoppingPatience = atLeast(this, "earlyStoppingPatience", "epochs without a lower "
            + "validation loss before training stops, keeping the best epoch; 0 = train every epoch", 0, 0);
    private final IntParam checkpointEvery = atLeast(this, "checkpointEvery", "averaging rounds between checkpoints "
            + "in checkpointDir; 0 = only the run's own working files", 0, 0);
    private final Param<String> checkpointDir = string(this, "checkpointDir", "the fit's run directory on any Hadoop "
            + "FileSystem (its checkpoints, metrics, runs and quarantine tables); a fit that stopped there continues "
            + "from its last checkpoint. \"\" = a temporary directory (local masters), else SparkContext's "
            + "checkpoint directory", "");

    LstmEstimator(String uid) {
        super(uid);
    }

    /** The estimator itself, typed for chaining setters. */
    @SuppressWarnings("unchecked")
    protected final E self() {
        return (E) this;
    }

    protected <T> E with(Param<T> param, T value) {
        set(param, value);
        return self();
    }

    @SuppressWarnings("unchecked")
    protected <T> T value(Param<T> param) {
        return (T) getOrDefault(param);
    }

    protected int value(IntParam param) {
        return (Integer) getOrDefault(param);
    }

    protected long value(LongParam param) {
        return (Long) getOrDefault(param);
    }

    protected double value(DoubleParam param) {
        return (Double) getOrDefault(param);
    }

    protected boolean value(BooleanParam param) {
        return (Boolean) getOrDefault(param);
    }

    /** The settings of the network, the trainer and the run that the command line builds from a config. */
    protected CommonSettings commonSettings(String inputDescription, SoftmaxSpec softmax, boolean tieWeights,
                                            boolean bidirectional, int tbpttLength, boolean stateful) {
        boolean global = ClipMode.GLOBAL.configName().equals(value(clipMode));
        double clip = value(clipNorm);
        ModelSettings model = new ModelSettings(getEmbedding(), getLayers(), getHidden(), value(dropout),
                RecurrentCell.fromConfigName(value(cell)), bidirectional, value(learningRate), global ? 0 : clip,
                getSeed(), softmax, tieWeights);
        LearningRateSchedule schedule = new LearningRateSchedule(Arrays.stream(LearningRateSchedule.Kind.values())
                .filter(k -> k.configName().equals(value(lrSchedule))).findFirst().orElseThrow(),
                value(learningRate), value(lrStepEpochs), value(lrFactor), value(lrPatience), value(warmupRounds));
        TrainingSettings train = new TrainingSettings(Arrays.stream(TrainerKind.values())
                .filter(k -> k.configName().equals(value(trainer))).findFirst().orElseThrow(), getEpochs(),
                value(workers), getBatchSize(), value(averagingFrequency), tbpttLength, getSeed(),
                value(evalBatchSize), value(updateScale), value(checkpointEvery), schedule,
                value(earlyStoppingPatience), value(blockMomentum), stateful, global ? clip : 0,
                Arrays.stream(AdamState.values()).filter(a -> a.configName().equals(value(adamState))).findFirst()
                        .orElseThrow(), value(globalBatchSize));
        return new CommonSettings(inputDescription, getCheckpointDir(), model, train);
    }

    /** Every param's value (set or default) by name: what the run's tables and model record as its configuration. */
    protected Map<String, Object> paramValues() {
        Map<String, Object> values = new LinkedHashMap<>();
        for (ParamPair<?> pair : extractParamMap().toList()) {
            values.put(pair.param().name(), pair.value());
        }
        return values;
    }

    public IntParam embedding() {
        return embedding;
    }

    public int getEmbedding() {
        return value(embedding);
    }

    public E setEmbedding(int value) {
        return with(embedding, value);
    }

    public IntParam layers() {
        return layers;
    }

    public int getLayers() {
        return value(layers);
    }

    public E setLayers(int value) {
        return with(layers, value);
    }

    public IntParam hidden() {
        return hidden;
    }

    public int getHidden() {
        return value(hidden);
    }

    public E setHidden(int value) {
        return with(hidden, value);
    }

    public DoubleParam dropout() {
        return dropout;
    }

    public E setDropout(double value) {
        return with(dropout, value);
    }

    public Param<String> cell() {
        return cell;
    }

    public E setCell(String value) {
        return with(cell, value);
    }

    public Param<String> trainer() {
        return trainer;
    }

    public E setTrainer(String value) {
        return with(trainer, value);
    }

    public IntParam epochs() {
        return epochs;
    }

    public int getEpochs() {
        return value(epochs);
    }

    public E setEpochs(int value) {
        return with(epochs, value);
    }

    public IntParam workers() {
        return workers;
    }

    public E setWorkers(int value) {
        return with(workers, value);
    }

    public IntParam batchSize() {
        return batchSize;
    }

    public int getBatchSize() {
        return value(batchSize);
    }

    public E setBatchSize(int value) {
        return with(batchSize, value);
    }

    public IntParam globalBatchSize() {
        return globalBatchSize;
    }

    public E setGlobalBatchSize(int value) {
        return with(globalBatchSize, value);
    }

    public IntParam averagingFrequency() {
        return averagingFrequency;
    }

    public E setAveragingFrequency(int value) {
        return with(averagingFrequency, value);
    }

    public DoubleParam learningRate() {
        return learningRate;
    }

    public double getLearningRate() {
        return value(learningRate);
    }

    public E setLearningRate(double value) {
        return with(learningRate, value);
    }

    public DoubleParam clipNorm() {
        return clipNorm;
    }

    public E setClipNorm(double value) {
        return with(clipNorm, value);
    }

    public Param<String> clipMode() {
        return clipMode;
    }

    public E setClipMode(String value) {
        return with(clipMode, value);
    }

    public LongParam seed() {
        return seed;
    }

    public long getSeed() {
        return value(seed);
    }

    public E setSeed(long value) {
        return with(seed, value);
    }

    public IntParam evalBatchSize() {
        return evalBatchSize;
    }

    public E setEvalBatchSize(int value) {
        return with(evalBatchSize, value);
    }

    public DoubleParam updateScale() {
        return updateScale;
    }

    public E setUpdateScale(double value) {
        return with(updateScale, value);
    }

    public Param<String> adamState() {
        return adamState;
    }

    public E setAdamState(String value) {
        return with(adamState, value);
    }

    public DoubleParam blockMomentum() {
        return blockMomentum;
    }

    public E setBlockMomentum(double value) {
        return with(blockMomentum, value);
    }

    public Param<String> lrSchedule() {
        return lrSchedule;
    }

    public E setLrSchedule(String value) {
        return with(lrSchedule, value);
    }

    public IntParam lrStepEpochs() {
        return lrStepEpochs;
    }

    public E setLrStepEpochs(int value) {
        return with(lrStepEpochs, value);
    }

    public DoubleParam lrFactor() {
        return lrFactor;
    }

    public E setLrFactor(double value) {
        return with(lrFactor, value);
    }

    public IntParam lrPatience() {
        return lrPatience;
    }

    public E setLrPatience(int value) {
        return with(lrPatience, value);
    }

    public IntParam warmupRounds() {
        return warmupRounds;
    }

    public E setWarmupRounds(int value) {
        return with(warmupRounds, value);
    }

    public IntParam earlyStoppingPatience() {
        return earlyStoppingPatience;
    }

    public E setEarlyStoppingPatience(int value) {
        return with(earlyStoppingPatience, value);
    }

    public IntParam checkpointEvery() {
        return checkpointEvery;
    }

    public E setCheckpointEvery(int value) {
        return with(checkpointEvery, value);
    }

    public Param<String> checkpointDir() {
        return checkpointDir;
    }

    public String getCheckpointDir() {
        return value(checkpointDir);
    }

    public E setCheckpointDir(String value) {
        return with(checkpointDir, value);
    }
}

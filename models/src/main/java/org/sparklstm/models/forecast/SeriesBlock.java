package org.sparklstm.models.forecast;

import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.sparklstm.models.train.TrainingBlock;

/**
 * Many forecasting windows packed in two float arrays: features {@code [windows][inputs][window]}
 * (NCW) and targets {@code [windows][outputSize]}, already normalised.
 */
public final class SeriesBlock implements TrainingBlock {

    private final int inputs;
    private final int window;
    private final int outputSize;
    private final float[] features;
    private final float[] targets;

    public SeriesBlock(int inputs, int window, int outputSize, float[] features, float[] targets) {
        if (features.length % (inputs * window) != 0 || targets.length % outputSize != 0
                || features.length / (inputs * window) != targets.length / outputSize) {
            throw new IllegalArgumentException("features and targets do not describe the same windows");
        }
        this.inputs = inputs;
        this.window = window;
        this.outputSize = outputSize;
        this.features = features;
        this.targets = targets;
    }

    @Override
    public int size() {
        return targets.length / outputSize;
    }

    @Override
    public DataSet minibatch(int[] windows) {
        int f = inputs * window;
        float[] x = new float[windows.length * f];
        float[] y = new float[windows.length * outputSize];
        for (int i = 0; i < windows.length; i++) {
            System.arraycopy(features, windows[i] * f, x, i * f, f);
            System.arraycopy(targets, windows[i] * outputSize, y, i * outputSize, outputSize);
        }
        return new DataSet(Nd4j.create(x, new long[]{windows.length, inputs, window}, 'c'),
                Nd4j.create(y, new long[]{windows.length, outputSize}, 'c'));
    }

    /** A forecaster's throughput is counted in windows. */
    @Override
    public long unitsPerWindow() {
        return 1;
    }

    /** DL4J's MSE score is the mean over the minibatch of the mean squared error over the outputs. */
    @Override
    public double lossPerUnit(double score) {
        return score;
    }
}

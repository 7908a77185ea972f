package org.sparklstm.models.forecast;

import java.io.Serializable;
import java.util.Arrays;
import org.sparklstm.models.nn.RecurrentCell;

/**
 * A forecasting network: {@code window} past steps of {@code inputs} columns -> recurrent stack of one
 * {@link RecurrentCell}, each layer optionally bidirectional -> a dense
 * head that predicts the {@code targets} (indexes into the input columns) one step ahead, or all
 * {@code horizon} steps at once for {@link Strategy#DIRECT}. With {@code relative}, every window and
 * its targets are taken relative to the window's last value, so the network learns changes rather
 * than levels (levels beyond the training range, as in a trend, stay within its reach).
 */
public record ForecastSpec(int inputs, int[] targets, int window, int horizon, Strategy strategy, boolean relative,
                           int layers, int hidden, double dropout, double learningRate, double clipNorm, long seed,
                           RecurrentCell cell, boolean bidirectional)
        implements Serializable {

    /** A unidirectional LSTM forecaster. */
    public ForecastSpec(int inputs, int[] targets, int window, int horizon, Strategy strategy, boolean relative,
                        int layers, int hidden, double dropout, double learningRate, double clipNorm, long seed) {
        this(inputs, targets, window, horizon, strategy, relative, layers, hidden, dropout, learningRate, clipNorm,
                seed, RecurrentCell.LSTM, false);
    }

    public ForecastSpec {
        // null when read from a bundle saved before cells were configurable (Gson leaves absent fields null)
        cell = cell == null ? RecurrentCell.LSTM : cell;
        if (inputs < 1 || window < 1 || horizon < 1 || layers < 1 || hidden < 1) {
            throw new IllegalArgumentException("inputs, window, horizon, layers and hidden must be >= 1");
        }
        if (targets.length == 0 || Arrays.stream(targets).anyMatch(t -> t < 0 || t >= inputs)) {
            throw new IllegalArgumentException("targets " + Arrays.toString(targets) + " must index the "
                    + inputs + " input columns");
        }
        if (strategy == Strategy.ONE_STEP && horizon != 1) {
            throw new IllegalArgumentException("one-step forecasts have horizon 1, not " + horizon);
        }
        if (strategy == Strategy.RECURSIVE && !feedsBack(inputs, targets)) {
            // a forecast can only be fed back if it predicts every input column, in order
            throw new IllegalArgumentException("recursive forecasts need the target columns to be the input columns");
        }
    }

    /** A copy with another recurrent cell, bidirectional or not. */
    public ForecastSpec withCell(RecurrentCell newCell, boolean newBidirectional) {
        return new ForecastSpec(inputs, targets, window, horizon, strategy, relative, layers, hidden, dropout,
                learningRate, clipNorm, seed, newCell, newBidirectional);
    }

    private static boolean feedsBack(int inputs, int[] targets) {
        if (targets.length != inputs) {
            return false;
        }
        for (int i = 0; i < inputs; i++) {
            if (targets[i] != i) {
                return false;
            }
        }
        return true;
    }

    /** Steps ahead one training target covers: the horizon for direct models, else 1. */
    public int trainedSteps() {
        return strategy == Strategy.DIRECT ? horizon : 1;
    }

    /** Width of the network's output: target columns x trained steps, step-major. */
    public int outputSize() {
        return targets.length * trainedSteps();
    }
}

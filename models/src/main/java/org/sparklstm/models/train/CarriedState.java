package org.sparklstm.models.train;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.layers.RecurrentLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sparklstm.models.layers.OwnRecurrentLayer;

/**
 * The recurrent state that each row of a worker's stream carries from one window to the next in stateful
 * training: every state array (h, and c for an LSTM) of every recurrent layer, as [rows, H] flattened row-major,
 * in layer order. Plain arrays, so it travels with a round's results and into checkpoints. A minibatch may hold
 * fewer rows than the state (a worker's last windows): it reads and writes the first ones.
 */
public record CarriedState(int rows, float[][] arrays) implements Serializable {

    /** Zeros for {@code rows} rows: where every row starts an epoch. */
    public static CarriedState zeros(MultiLayerNetwork net, int rows) {
        List<float[]> arrays = new ArrayList<>();
        for (OwnRecurrentLayer<?, ?> layer : recurrentLayers(net)) {
            for (String ignored : layer.stateKeys()) {
                arrays.add(new float[rows * layer.hiddenSize()]);
            }
        }
        return new CarriedState(rows, arrays.toArray(float[][]::new));
    }

    /** The next training pass of every recurrent layer starts from the state of the first {@code n} rows. */
    public void startTrainingFrom(MultiLayerNetwork net, int n) {
        int i = 0;
        for (OwnRecurrentLayer<?, ?> layer : recurrentLayers(net)) {
            Map<String, INDArray> state = new HashMap<>();
            for (String key : layer.stateKeys()) {
                int hidden = arrays[i].length / rows;
                state.put(key, Nd4j.create(Arrays.copyOf(arrays[i], n * hidden), new long[] {n, hidden}, 'c'));
                i++;
            }
            layer.carryFrom(state);
        }
    }

    /** A copy whose first {@code n} rows hold the final state of every recurrent layer's last training pass. */
    public CarriedState afterLastPass(MultiLayerNetwork net, int n) {
        float[][] next = new float[arrays.length][];
        int i = 0;
        for (OwnRecurrentLayer<?, ?> layer : recurrentLayers(net)) {
            Map<String, INDArray> last = layer.carriedTo();
            if (last == null) {
                throw new IllegalStateException("no training pass ran from the carried state");
            }
            for (String key : layer.stateKeys()) {
                float[] values = last.get(key).castTo(DataType.FLOAT).dup('c').data().asFloat();
                if (values.length != n * (arrays[i].length / rows)) {
                    throw new IllegalStateException("the last pass of " + layer.getClass().getSimpleName() + " had "
                            + values.length + " state values for " + n + " rows");
                }
                next[i] = arrays[i].clone();
                System.arraycopy(values, 0, next[i], 0, values.length);
                i++;
            }
        }
        return new CarriedState(rows, next);
    }

    /** Training passes start from zeros again, as in stateless training. */
    public static void release(MultiLayerNetwork net) {
        for (OwnRecurrentLayer<?, ?> layer : recurrentLayers(net)) {
            layer.carryFrom(null);
        }
    }

    /** Row {@code row} of state array {@code array} (layer order, then each layer's state keys). */
    public float[] row(int array, int row) {
        int hidden = arrays[array].length / rows;
        return Arrays.copyOfRange(arrays[array], row * hidden, (row + 1) * hidden);
    }

    /** The network's recurrent layers; all must be able to start a training pass from a carried state. */
    private static List<OwnRecurrentLayer<?, ?>> recurrentLayers(MultiLayerNetwork net) {
        List<OwnRecurrentLayer<?, ?>> layers = new ArrayList<>();
        for (Layer layer : net.getLayers()) {
            if (layer instanceof OwnRecurrentLayer<?, ?> own) {
                layers.add(own);
            } else if (layer instanceof RecurrentLayer) {
                throw new IllegalArgumentException("stateful training (train.stateful = true) needs model.cell = lstm"
                        + " or gru: DL4J's " + layer.getClass().getSimpleName()
                        + " cannot start a training pass from a carried state");
            }
        }
        return layers;
    }
}

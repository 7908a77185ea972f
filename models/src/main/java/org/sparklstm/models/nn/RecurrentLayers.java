package org.sparklstm.models.nn;

import java.util.List;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;
import org.deeplearning4j.nn.conf.layers.GravesLSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.nd4j.linalg.activations.Activation;
import org.sparklstm.models.bidirectional.BidirectionalFinalStates;
import org.sparklstm.models.gru.Gru;
import org.sparklstm.models.lstm.FusedLstm;

/** Builds the DL4J configuration of one recurrent encoder layer for any {@link RecurrentCell}. */
public final class RecurrentLayers {

    private RecurrentLayers() {
    }

    /** A layer configuration and the width of its output (twice the hidden size when bidirectional). */
    public record Built(Layer layer, int outputSize, boolean bidirectional) {

        /**
         * The layers that end a many-to-one encoder with this layer, giving [N, outputSize]: each direction's
         * state after it has read the whole sequence (DL4J's LastTimeStep for one direction; for two, the
         * forward half at the last step and the backward half at the first, see {@link BidirectionalFinalStates}).
         */
        public List<Layer> finalState() {
            return bidirectional ? List.of(layer, new BidirectionalFinalStates()) : List.of(new LastTimeStep(layer));
        }
    }

    /**
     * One recurrent layer of {@code hidden} units per direction.
     *
     * @param keep DL4J's dropOut keep probability on the layer's input, 0 for none; a bidirectional layer's two
     *             directions draw their masks independently
     */
    public static Built build(RecurrentCell cell, boolean bidirectional, int nIn, int hidden, double keep,
                              RNNFormat format) {
        return build(cell, bidirectional, nIn, hidden, keep, format, false);
    }

    /**
     * As {@link #build}, for padded input with masks: the LSTM is DL4J's own (FusedLstm takes no masks); the
     * peephole LSTM and the GRU take the same layers as unmasked.
     */
    public static Built buildMasked(RecurrentCell cell, boolean bidirectional, int nIn, int hidden, double keep,
                                    RNNFormat format) {
        if (bidirectional && cell != RecurrentCell.GRU) {
            // DL4J's LSTM and GravesLSTM never store the features mask, so inside Bidirectional the reversed copy
            // would read the padding first: only our GRU is exact there (a test compares padded with unpadded)
            throw new IllegalArgumentException("model.bidirectional = true with padded texts needs model.cell = gru "
                    + "(DL4J's " + cell.configName() + " layer ignores the mask when read backwards)");
        }
        return build(cell, bidirectional, nIn, hidden, keep, format, true);
    }

    private static Built build(RecurrentCell cell, boolean bidirectional, int nIn, int hidden, double keep,
                               RNNFormat format, boolean masked) {
        if (keep < 0 || keep > 1) {
            throw new IllegalArgumentException("keep probability " + keep + " must be in [0, 1] (0 = no dropout)");
        }
        Layer layer = unidirectional(cell, nIn, hidden, keep, format, masked);
        if (!bidirectional) {
            return new Built(layer, hidden, false);
        }
        // CONCAT: [forward; backward] along the feature axis
        return new Built(new Bidirectional(Bidirectional.Mode.CONCAT, layer), 2 * hidden, true);
    }

    private static Layer unidirectional(RecurrentCell cell, int nIn, int hidden, double keep, RNNFormat format,
                                        boolean masked) {
        BaseRecurrentLayer.Builder<?> builder = switch (cell) {
            case LSTM -> masked ? new org.deeplearning4j.nn.conf.layers.LSTM.Builder().forgetGateBiasInit(1.0)
                    : new FusedLstm.Builder().forgetGateBiasInit(1.0);
            case PEEPHOLE -> new GravesLSTM.Builder().forgetGateBiasInit(1.0);
            case GRU -> new Gru.Builder();
        };
        builder.nIn(nIn).nOut(hidden).dataFormat(format);
        builder.activation(Activation.TANH);
        if (keep > 0) {
            builder.dropOut(keep);
        }
        return builder.build();
    }
}

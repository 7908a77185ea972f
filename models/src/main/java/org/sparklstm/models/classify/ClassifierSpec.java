package org.sparklstm.models.classify;

import java.io.Serializable;
import org.sparklstm.models.nn.RecurrentCell;

/**
 * A many-to-one text classifier: token ids -> embedding -> LSTM stack (masked, so padding never
 * counts) -> pooling over the real steps (max, mean or the last one) -> softmax over the classes.
 */
public record ClassifierSpec(int vocabularySize, int embedding, int layers, int hidden, double dropout, int classes,
                             String pooling, boolean frozenEmbedding, double learningRate, double clipNorm, long seed,
                             RecurrentCell cell, boolean bidirectional)
        implements Serializable {

    public static final String MAX = "max";
    public static final String MEAN = "mean";
    public static final String LAST = "last";

    public ClassifierSpec {
        if (vocabularySize < 3 || embedding < 1 || layers < 1 || hidden < 1) {
            throw new IllegalArgumentException("vocabulary >= 3, embedding, layers and hidden >= 1");
        }
        if (classes < 2) {
            throw new IllegalArgumentException("a classifier needs at least 2 classes, got " + classes);
        }
        if (!pooling.equals(MAX) && !pooling.equals(MEAN) && !pooling.equals(LAST)) {
            throw new IllegalArgumentException("pooling '" + pooling + "' is not one of max, mean, last");
        }
        if (bidirectional && pooling.equals(LAST)) {
            // the backward direction's last step has read one token only
            throw new IllegalArgumentException("classify.pooling = last reads the backward direction after one token; "
                    + "use max or mean with model.bidirectional = true");
        }
    }

    /** An LSTM classifier, one direction. */
    public ClassifierSpec(int vocabularySize, int embedding, int layers, int hidden, double dropout, int classes,
                          String pooling, boolean frozenEmbedding, double learningRate, double clipNorm, long seed) {
        this(vocabularySize, embedding, layers, hidden, dropout, classes, pooling, frozenEmbedding, learningRate,
                clipNorm, seed, RecurrentCell.LSTM, false);
    }

    public ClassifierSpec with(int vocabulary, int classCount) {
        return new ClassifierSpec(vocabulary, embedding, layers, hidden, dropout, classCount, pooling, frozenEmbedding,
                learningRate, clipNorm, seed, cell, bidirectional);
    }
}

package org.sparklstm.models.lm;

import java.io.Serializable;
import org.sparklstm.models.nn.RecurrentCell;

/**
 * The network of a next-token language model: embedding -> stacked recurrent layers of one {@link RecurrentCell}
 * -> softmax over the vocabulary (trained on the full softmax, a sampled or an adaptive one).
 *
 * @param dropout      probability of dropping an activation between layers (0 = none)
 * @param clipNorm     per-layer L2 norm the gradient is clipped to (0 = no clipping)
 * @param tbpttLength  truncated BPTT length, forward and backward; 0 = full BPTT
 * @param cell         the recurrent cell of every recurrent layer (null = {@link RecurrentCell#LSTM})
 * @param softmax      how the softmax is trained (full, sampled or adaptive)
 * @param tiedWeights  the input embedding is the softmax's weight matrix (needs embedding = hidden)
 */
public record LanguageModelSpec(int vocabularySize, int embedding, int layers, int hidden, double dropout,
                                double learningRate, double clipNorm, int tbpttLength, long seed,
                                RecurrentCell cell, SoftmaxSpec softmax, boolean tiedWeights)
        implements Serializable {

    /** An LSTM language model with the full softmax. */
    public LanguageModelSpec(int vocabularySize, int embedding, int layers, int hidden, double dropout,
                             double learningRate, double clipNorm, int tbpttLength, long seed) {
        this(vocabularySize, embedding, layers, hidden, dropout, learningRate, clipNorm, tbpttLength, seed,
                RecurrentCell.LSTM, SoftmaxSpec.FULL, false);
    }

    public LanguageModelSpec {
        cell = cell == null ? RecurrentCell.LSTM : cell;
        softmax = softmax == null ? SoftmaxSpec.FULL : softmax;
        softmax.checkVocabulary(vocabularySize);
        if (tiedWeights && embedding != hidden) {
            throw new IllegalArgumentException("model.tie-weights: the embedding (" + embedding + ") must have the "
                    + "size of the last layer's output, model.hidden (" + hidden + ")");
        }
        positive("model.vocabulary-size", vocabularySize);
        positive("model.embedding", embedding);
        positive("model.layers", layers);
        positive("model.hidden", hidden);
        if (dropout < 0 || dropout >= 1) {
            throw new IllegalArgumentException("model.dropout: " + dropout + " must be in [0, 1)");
        }
        if (learningRate <= 0) {
            throw new IllegalArgumentException("train.learning-rate: " + learningRate + " must be > 0");
        }
        if (clipNorm < 0) {
            throw new IllegalArgumentException("train.clip-norm: " + clipNorm + " must be >= 0");
        }
        if (tbpttLength < 0) {
            throw new IllegalArgumentException("train.tbptt-length: " + tbpttLength + " must be >= 0");
        }
    }

    private static void positive(String key, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(key + ": " + value + " must be > 0");
        }
    }

    public LanguageModelSpec withVocabularySize(int size) {
        return new LanguageModelSpec(size, embedding, layers, hidden, dropout, learningRate, clipNorm,
                tbpttLength, seed, cell, softmax, tiedWeights);
    }

    /** A copy with another recurrent cell. */
    public LanguageModelSpec withCell(RecurrentCell newCell) {
        return new LanguageModelSpec(vocabularySize, embedding, layers, hidden, dropout, learningRate, clipNorm,
                tbpttLength, seed, newCell, softmax, tiedWeights);
    }

    /**
     * A copy with another recurrent cell, taking the same options as {@code ForecastSpec.withCell}; a language
     * model must not be bidirectional.
     *
     * @throws IllegalArgumentException if {@code bidirectional}: a model that predicts the next token from the
     *                                  tokens so far cannot read the sequence backwards (it would see the answer)
     */
    public LanguageModelSpec withCell(RecurrentCell newCell, boolean bidirectional) {
        if (bidirectional) {
            throw new IllegalArgumentException("model.bidirectional = true is not possible for a language model: it"
                    + " predicts each next token, and a backward layer would read that token; use it for forecasting"
                    + " only");
        }
        return withCell(newCell);
    }
}

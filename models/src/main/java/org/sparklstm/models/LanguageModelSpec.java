package org.sparklstm.models;

import java.io.Serializable;

/**
 * The network of a next-token language model: embedding -> stacked LSTM -> softmax.
 *
 * @param dropout      probability of dropping an activation between layers (0 = none)
 * @param clipNorm     per-layer L2 norm the gradient is clipped to (0 = no clipping)
 * @param tbpttLength  truncated BPTT length, forward and backward; 0 = full BPTT
 */
public record LanguageModelSpec(int vocabularySize, int embedding, int layers, int hidden, double dropout,
                                double learningRate, double clipNorm, int tbpttLength, long seed)
        implements Serializable {

    public LanguageModelSpec {
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
                tbpttLength, seed);
    }
}

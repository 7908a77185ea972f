package org.sparklstm.pipeline.flow;

import org.sparklstm.models.lm.LanguageModelSpec;
import org.sparklstm.models.lm.SoftmaxSpec;
import org.sparklstm.models.nn.RecurrentCell;

/**
 * The network's shape and optimiser, the same keys for every task ({@code model.*}, and the learning
 * rate, clipping and seed of {@code train.*}); each flow builds its own spec from it.
 *
 * @param bidirectional each layer reads the sequence both ways (classifiers and forecasters)
 * @param clipNorm      per-layer gradient L2 limit; 0 = off
 * @param softmax       language models: how the softmax is trained (full, sampled or adaptive)
 * @param tieWeights    language models: the input embedding is the softmax's weight matrix
 */
public record ModelSettings(int embedding, int layers, int hidden, double dropout, RecurrentCell cell,
                            boolean bidirectional, double learningRate, double clipNorm, long seed,
                            SoftmaxSpec softmax, boolean tieWeights) {

    /** A language model's spec over a vocabulary. */
    public LanguageModelSpec languageModel(int vocabularySize, int tbpttLength) {
        return new LanguageModelSpec(vocabularySize, embedding, layers, hidden, dropout, learningRate, clipNorm,
                tbpttLength, seed, cell, softmax, tieWeights);
    }
}

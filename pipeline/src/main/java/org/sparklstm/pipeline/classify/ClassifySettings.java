package org.sparklstm.pipeline.classify;

import org.sparklstm.models.text.TokenizerSpec;

/**
 * The classification task's own settings ({@code classify.*}, {@code tokenizer.*}, {@code embeddings.*}):
 * which columns hold the text and label, what is held out, how texts are cut and pooled, what becomes of
 * bad rows, and the embedding's initialisation.
 *
 * @param testPath           labelled rows scored after training; "" = none
 * @param validationFraction training rows held out by a seeded hash of their id
 * @param keepEnd            keep a long text's end rather than its start
 * @param quarantine         bad rows go to quarantine rather than failing the run
 */
public record ClassifySettings(TextColumns columns, String testPath, double validationFraction, int maxLength,
                               boolean keepEnd, Pooling pooling, boolean quarantine, TokenizerSpec tokenizer,
                               EmbeddingSettings embeddings, String encoding) {
}

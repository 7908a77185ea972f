package org.sparklstm.pipeline.classify;

/**
 * Word2Vec initialisation of a classifier's embedding layer ({@code embeddings.*}).
 *
 * @param corpusPath more unlabelled text to train Word2Vec on; "" = the training texts only
 * @param frozen     keep the vectors fixed instead of fine-tuning them
 */
public record EmbeddingSettings(boolean word2vec, String corpusPath, boolean frozen, int minCount, int iterations,
                                int window) {
}

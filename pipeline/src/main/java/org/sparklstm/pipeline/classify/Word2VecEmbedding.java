package org.sparklstm.pipeline.classify;

import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileStatus;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.sparklstm.models.text.TextEncoding;
import org.sparklstm.models.text.Vocabulary;
import org.sparklstm.pipeline.embed.Word2VecStage;
import org.sparklstm.pipeline.flow.TrainingRun;
import org.sparklstm.pipeline.ingest.InputException;
import org.sparklstm.pipeline.ingest.InputFiles;
import org.sparklstm.pipeline.io.Tables;

/** Word vectors for a classifier's embedding rows: MLlib's Word2Vec on the training texts (and more text). */
final class Word2VecEmbedding {

    private Word2VecEmbedding() {
    }

    /**
     * Trains Word2Vec of {@code size} dimensions, writes its vectors as the run's {@code word2vec} table, and
     * returns the vectors of the vocabulary's tokens.
     */
    static Map<String, float[]> train(TrainingRun run, JavaRDD<LabelledText> trainRows, TextEncoding encoding,
                                      int size, EmbeddingSettings e, long seed) {
        Vocabulary vocabulary = encoding.vocabulary();
        JavaRDD<String> texts = trainRows.map(LabelledText::text);
        if (!e.corpusPath().isEmpty()) {
            List<FileStatus> corpus = InputFiles.resolve("embeddings.corpus-path", e.corpusPath(), run.hadoop());
            texts = texts.union(run.sc().textFile(String.join(",",
                    corpus.stream().map(f -> f.getPath().toString()).toList())));
        }
        Dataset<Row> vectors = Word2VecStage.train(run.spark(), texts, encoding, new Word2VecStage.Settings(size,
                e.minCount(), e.iterations(), e.window(), seed));
        Tables.write(vectors.coalesce(1), run.path(Tables.WORD2VEC));
        Map<String, float[]> found = Word2VecStage.vectorsOf(vectors, vocabulary.tokens());
        if (vocabulary.tokens().stream().noneMatch(found::containsKey)) {
            throw new InputException("embeddings.word2vec: no vocabulary token received a vector (embeddings.min-count "
                    + e.minCount() + ")");
        }
        return found;
    }
}

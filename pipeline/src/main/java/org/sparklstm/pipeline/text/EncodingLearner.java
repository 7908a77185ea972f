package org.sparklstm.pipeline.text;

import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.sparklstm.models.text.BpeLearner;
import org.sparklstm.models.text.LineEnd;
import org.sparklstm.models.text.TextEncoding;
import org.sparklstm.models.text.TokenizerSpec;
import org.sparklstm.pipeline.ingest.TextLine;

/**
 * Learns a corpus's {@link TextEncoding}: for char and word, the vocabulary; for bpe, the merges and
 * their vocabulary. Counting runs on the executors; only distinct tokens (for bpe: distinct words with
 * at least {@code tokenizer.min-count} occurrences) reach the driver.
 */
public final class EncodingLearner {

    private EncodingLearner() {
    }

    /** For texts that are not corpus lines (e.g. one review per element): each text is one line. */
    public static TextEncoding learnFromTexts(JavaRDD<String> texts, TokenizerSpec spec) {
        return learn(texts.map(text -> new TextLine("", 0, text, false)), spec);
    }

    public static TextEncoding learn(JavaRDD<TextLine> lines, TokenizerSpec spec) {
        if (!spec.isBpe()) {
            return TextEncoding.of(spec, VocabularyCounter.fit(lines, spec));
        }
        Map<String, Long> wordCounts = VocabularyCounter.counts(lines, spec);
        // a line's newline is a token of its own, never split into subwords
        List<String> whole = spec.lineEnd() == LineEnd.NEWLINE_TOKEN ? List.of(LineEnd.NEWLINE) : List.of();
        // The merge loop runs on the driver over the distinct-word table: each merge depends on all the
        // previous ones, and the table is small beside the corpus (tens of thousands of words for a novel).
        BpeLearner.Learned learned = BpeLearner.learn(wordCounts, spec.bpeVocabulary(), whole);
        return new TextEncoding(spec, learned.vocabulary(), learned.merges());
    }
}

package org.sparklstm.pipeline.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.junit.jupiter.api.Test;
import org.sparklstm.models.text.LineEnd;
import org.sparklstm.models.text.TextEncoding;
import org.sparklstm.models.text.TokenizerSpec;
import org.sparklstm.pipeline.SparkTestSupport;
import org.sparklstm.pipeline.ingest.TextLine;

/** Line ends as the vocabulary counts them and the stream encodes them: one document of two lines. */
class LineEndCountingTest extends SparkTestSupport {

    private JavaRDD<TextLine> lines(String first, String second) {
        return sc.parallelize(List.of(new TextLine("f", 0, first, true),
                new TextLine("f", first.length() + 1, second, false)), 2);
    }

    private static TokenizerSpec spec(String type, String pattern, LineEnd lineEnd) {
        return new TokenizerSpec(type, pattern, false, 100, 1, 100, lineEnd);
    }

    private static int[] stream(JavaRDD<TextLine> lines, TextEncoding encoding) {
        return StreamEncoder.encode(lines, encoding).chunks().collect().stream().flatMapToInt(Arrays::stream)
                .toArray();
    }

    @Test
    void wordLineEndsAreCountedAndEncoded() {
        JavaRDD<TextLine> text = lines("the cat", "cat sat");
        String words = TokenizerSpec.DEFAULT_WORD_PATTERN;
        // <eos> is always id 1: nothing to count
        TextEncoding eos = EncodingLearner.learn(text, spec(TokenizerSpec.WORD, words, LineEnd.EOS));
        assertEquals(List.of("<unk>", "<eos>", "cat", "sat", "the"), eos.vocabulary().tokens());
        assertArrayEquals(new int[]{1, 4, 2, 1, 2, 3, 1}, stream(text, eos));

        TextEncoding none = EncodingLearner.learn(text, spec(TokenizerSpec.WORD, words, LineEnd.NONE));
        assertEquals(eos.vocabulary().tokens(), none.vocabulary().tokens());
        assertArrayEquals(new int[]{1, 4, 2, 2, 3}, stream(text, none));

        TokenizerSpec newlines = spec(TokenizerSpec.WORD, words, LineEnd.NEWLINE_TOKEN);
        assertEquals(Map.of("the", 1L, "cat", 2L, "sat", 1L, "\n", 2L), VocabularyCounter.counts(text, newlines));
        TextEncoding newline = EncodingLearner.learn(text, newlines);
        // "\n" ties with "cat" at 2 and sorts first
        assertEquals(List.of("<unk>", "<eos>", "\n", "cat", "sat", "the"), newline.vocabulary().tokens());
        assertArrayEquals(new int[]{1, 5, 3, 2, 3, 4, 2}, stream(text, newline));
    }

    @Test
    void bpeHoldsTheNewlineWholeAndEncodesLineEnds() {
        JavaRDD<TextLine> text = lines("low low", "low");
        TokenizerSpec newlines = spec(TokenizerSpec.BPE, TokenizerSpec.DEFAULT_WORD_PATTERN, LineEnd.NEWLINE_TOKEN);
        // the words to split, without the newline
        assertEquals(Map.of("low", 3L), VocabularyCounter.counts(text, newlines));
        TextEncoding newline = EncodingLearner.learn(text, newlines);
        assertEquals(List.of("<unk>", "<eos>", "\n", "l", "o", "w</w>", "lo", "low</w>"),
                newline.vocabulary().tokens());
        assertArrayEquals(new int[]{1, 7, 7, 2, 7, 2}, stream(text, newline));

        TextEncoding eos = EncodingLearner.learn(text, spec(TokenizerSpec.BPE, TokenizerSpec.DEFAULT_WORD_PATTERN,
                LineEnd.EOS));
        assertEquals(List.of("<unk>", "<eos>", "l", "o", "w</w>", "lo", "low</w>"), eos.vocabulary().tokens());
        assertArrayEquals(new int[]{1, 6, 6, 1, 6, 1}, stream(text, eos));
    }

    /** Penn Treebank writes <unk> in its text: with \S+ it is the vocabulary's <unk>, not a second token. */
    @Test
    void preTokenizedUnkIsCountedAsTheVocabularysOwn() {
        JavaRDD<TextLine> text = lines("a <unk> b", "<unk> a");
        TextEncoding ptb = EncodingLearner.learn(text, spec(TokenizerSpec.WORD, "\\S+", LineEnd.EOS));
        assertEquals(List.of("<unk>", "<eos>", "a", "b"), ptb.vocabulary().tokens());
        assertArrayEquals(new int[]{1, 2, 0, 3, 1, 0, 2, 1}, stream(text, ptb));
    }
}

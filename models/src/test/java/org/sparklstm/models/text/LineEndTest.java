package org.sparklstm.models.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Each line end on each tokenizer: the ids of two lines, as a corpus stream gets them. */
class LineEndTest {

    private static final Vocabulary WORDS = new Vocabulary(List.of("<unk>", "<eos>", "the", "cat", "sat", "\n"));

    private static int[] twoLines(TextEncoding encoding, String first, String second) {
        return Stream.of(first, second).flatMapToInt(line -> IntStream.of(encoding.encode(line))).toArray();
    }

    private static TokenizerSpec spec(String type, String pattern, LineEnd lineEnd) {
        return new TokenizerSpec(type, pattern, true, 100, 1, TokenizerSpec.DEFAULT_BPE_VOCABULARY, lineEnd);
    }

    private static TextEncoding words(LineEnd lineEnd) {
        return TextEncoding.of(spec(TokenizerSpec.WORD, TokenizerSpec.DEFAULT_WORD_PATTERN, lineEnd), WORDS);
    }

    @Test
    void wordLinesEndAsConfigured() {
        assertArrayEquals(new int[]{2, 3, 1, 3, 4, 1}, twoLines(words(LineEnd.EOS), "The cat", "cat sat"));
        assertArrayEquals(new int[]{2, 3, 3, 4}, twoLines(words(LineEnd.NONE), "The cat", "cat sat"));
        assertArrayEquals(new int[]{2, 3, 5, 3, 4, 5}, twoLines(words(LineEnd.NEWLINE_TOKEN), "The cat", "cat sat"));
        assertEquals(LineEnd.EOS, new TokenizerSpec(TokenizerSpec.WORD, "\\S+", false, 100, 1).lineEnd());
    }

    /** "cat" merges to one subword, "at" too; the newline is a whole token at id 2. */
    private static TextEncoding bpe(LineEnd lineEnd) {
        BpeMerges merges = new BpeMerges(List.of(new BpeMerges.Merge("a", "t</w>"), new BpeMerges.Merge("c", "at</w>")));
        Vocabulary v = new Vocabulary(List.of("<unk>", "<eos>", "\n", "cat</w>", "at</w>", "c", "a", "t</w>"));
        return new TextEncoding(spec(TokenizerSpec.BPE, TokenizerSpec.DEFAULT_WORD_PATTERN, lineEnd), v, merges);
    }

    @Test
    void bpeLinesEndAsConfigured() {
        assertArrayEquals(new int[]{3, 4, 1, 4, 3, 1}, twoLines(bpe(LineEnd.EOS), "cat at", "at cat"));
        assertArrayEquals(new int[]{3, 4, 4, 3}, twoLines(bpe(LineEnd.NONE), "cat at", "at cat"));
        assertArrayEquals(new int[]{3, 4, 2, 4, 3, 2}, twoLines(bpe(LineEnd.NEWLINE_TOKEN), "cat at", "at cat"));
        assertEquals(LineEnd.EOS, TokenizerSpec.bpe("\\S+", false, 100, 1).lineEnd());
    }

    @Test
    void charKeepsItsNewlineAndMayEndLinesOtherwise() {
        Vocabulary v = new Vocabulary(List.of("<unk>", "<eos>", "a", "\n", "b"));
        assertEquals(LineEnd.NEWLINE_TOKEN, TokenizerSpec.chars().lineEnd());
        assertArrayEquals(new int[]{2, 4, 3, 4, 3}, twoLines(TextEncoding.of(TokenizerSpec.chars(), v), "ab", "b"));
        assertArrayEquals(new int[]{2, 4, 1, 4, 1},
                twoLines(TextEncoding.of(spec(TokenizerSpec.CHAR, "x", LineEnd.EOS), v), "ab", "b"));
        assertArrayEquals(new int[]{2, 4, 4},
                twoLines(TextEncoding.of(spec(TokenizerSpec.CHAR, "x", LineEnd.NONE), v), "ab", "b"));
    }

    @Test
    void promptsGetNoLineEndButWordTokensDo() {
        TextEncoding eos = words(LineEnd.EOS);
        assertEquals(List.of("the", "cat"), eos.promptTokens("The cat"));
        assertEquals(List.of("the", "cat", "<eos>"), eos.tokens("The cat"));
        assertEquals(List.of("the", "cat", "\n"), words(LineEnd.NEWLINE_TOKEN).tokens("The cat"));
        assertEquals(List.of("the", "cat"), words(LineEnd.NONE).tokens("The cat"));
    }

    /** A pre-tokenized corpus (Penn Treebank) writes <unk> and <eos>: with \S+ they are the vocabulary's own ids. */
    @Test
    void preTokenizedUnkAndEosAreTheVocabularysOwn() {
        TextEncoding ptb = TextEncoding.of(spec(TokenizerSpec.WORD, "\\S+", LineEnd.EOS), WORDS);
        assertArrayEquals(new int[]{2, 0, 4, 1, 1}, ptb.encode("the <unk> sat <eos>"));
        // the default pattern splits them into punctuation and a word
        assertEquals(List.of("<", "unk", ">"), words(LineEnd.EOS).promptTokens("<unk>"));
    }
}

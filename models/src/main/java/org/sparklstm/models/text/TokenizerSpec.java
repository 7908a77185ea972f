package org.sparklstm.models.text;

import java.io.Serializable;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How text becomes tokens. {@code char} splits into code points;
 * {@code word} matches {@code pattern} (words and punctuation by default), optionally lowercased;
 * {@code bpe} splits those same words into subwords by byte-pair merges learned from the corpus, up to
 * {@code bpeVocabulary} ids. {@code lineEnd} is the token each line ends with. {@code char} and {@code word}
 * need only this record ({@link #tokenizer()}); {@code bpe} also needs the learned merges, which
 * {@link TextEncoding} pairs with it.
 */
public record TokenizerSpec(String type, String pattern, boolean lowercase, int maxVocabulary, int minCount,
                            int bpeVocabulary, LineEnd lineEnd) implements Serializable {

    public static final String CHAR = "char";
    public static final String WORD = "word";
    public static final String BPE = "bpe";
    public static final String DEFAULT_WORD_PATTERN = "\\w+|[^\\w\\s]";
    public static final int DEFAULT_BPE_VOCABULARY = 1000;

    public TokenizerSpec {
        if (!CHAR.equals(type) && !WORD.equals(type) && !BPE.equals(type)) {
            throw new IllegalArgumentException("tokenizer.type: '" + type + "' is not one of char, word, bpe");
        }
        if (maxVocabulary < 3) {
            throw new IllegalArgumentException("tokenizer.max-vocabulary: " + maxVocabulary
                    + " must be at least 3 (<unk>, <eos> and one token)");
        }
        if (minCount < 1) {
            throw new IllegalArgumentException("tokenizer.min-count: " + minCount + " must be at least 1");
        }
        if (bpeVocabulary < 3) {
            throw new IllegalArgumentException("tokenizer.bpe-vocabulary: " + bpeVocabulary
                    + " must be at least 3 (<unk>, <eos> and one token)");
        }
        Pattern.compile(pattern);
        Objects.requireNonNull(lineEnd, "lineEnd");
    }

    /** A char or word spec (the BPE target size and the type's line end left at their defaults). */
    public TokenizerSpec(String type, String pattern, boolean lowercase, int maxVocabulary, int minCount) {
        this(type, pattern, lowercase, maxVocabulary, minCount, DEFAULT_BPE_VOCABULARY, LineEnd.defaultFor(type));
    }

    public static TokenizerSpec chars() {
        return new TokenizerSpec(CHAR, DEFAULT_WORD_PATTERN, false, Integer.MAX_VALUE, 1);
    }

    public static TokenizerSpec bpe(String pattern, boolean lowercase, int bpeVocabulary, int minCount) {
        return new TokenizerSpec(BPE, pattern, lowercase, Integer.MAX_VALUE, minCount, bpeVocabulary,
                LineEnd.defaultFor(BPE));
    }

    public boolean isChar() {
        return CHAR.equals(type);
    }

    public boolean isBpe() {
        return BPE.equals(type);
    }

    /** The words a line splits into: the tokens of {@code word}, the pre-tokens of {@code bpe}. */
    public WordTokenizer words() {
        return new WordTokenizer(pattern, lowercase);
    }

    /** The tokenizer of a char or word spec; bpe needs learned merges: use {@link TextEncoding}. */
    public Tokenizer tokenizer() {
        if (isBpe()) {
            throw new IllegalStateException("a bpe tokenizer needs its learned merges: use TextEncoding");
        }
        return isChar() ? new CharTokenizer() : words();
    }
}

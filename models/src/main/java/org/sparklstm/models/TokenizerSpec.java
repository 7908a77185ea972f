package org.sparklstm.models;

import java.io.Serializable;
import java.util.regex.Pattern;

/**
 * How text becomes tokens. {@code char} splits into code points (a newline ends every line);
 * {@code word} matches {@code pattern} (words and punctuation by default), optionally lowercased.
 */
public record TokenizerSpec(String type, String pattern, boolean lowercase, int maxVocabulary, int minCount)
        implements Serializable {

    public static final String CHAR = "char";
    public static final String WORD = "word";
    public static final String DEFAULT_WORD_PATTERN = "\\w+|[^\\w\\s]";

    public TokenizerSpec {
        if (!CHAR.equals(type) && !WORD.equals(type)) {
            throw new IllegalArgumentException("tokenizer.type: '" + type + "' is not one of char, word");
        }
        if (maxVocabulary < 3) {
            throw new IllegalArgumentException("tokenizer.max-vocabulary: " + maxVocabulary
                    + " must be at least 3 (<unk>, <eos> and one token)");
        }
        if (minCount < 1) {
            throw new IllegalArgumentException("tokenizer.min-count: " + minCount + " must be at least 1");
        }
        Pattern.compile(pattern);
    }

    public static TokenizerSpec chars() {
        return new TokenizerSpec(CHAR, DEFAULT_WORD_PATTERN, false, Integer.MAX_VALUE, 1);
    }

    public boolean isChar() {
        return CHAR.equals(type);
    }

    public Tokenizer tokenizer() {
        return isChar() ? new CharTokenizer() : new WordTokenizer(pattern, lowercase);
    }
}

package org.sparklstm.models.text;

import java.util.Optional;

/** The token that ends each line of text ({@code tokenizer.line-end}), so a model can learn where lines end. */
public enum LineEnd {
    /** The vocabulary's {@code <eos>}: a sentence per line keeps its ends, as published word perplexities count. */
    EOS("eos", Vocabulary.EOS),
    /** No token: the lines of a document run together. */
    NONE("none", null),
    /** A {@code "\n"} token, counted like any other (the rule of {@code char}). */
    NEWLINE_TOKEN("newline-token", LineEnd.NEWLINE);

    public static final String NEWLINE = "\n";

    private final String configName;
    private final String token;

    LineEnd(String configName, String token) {
        this.configName = configName;
        this.token = token;
    }

    public String configName() {
        return configName;
    }

    public static LineEnd fromConfigName(String name) {
        for (LineEnd e : values()) {
            if (e.configName.equals(name)) {
                return e;
            }
        }
        throw new IllegalArgumentException("tokenizer.line-end: '" + name + "' is not one of eos, none, newline-token");
    }

    /** A tokenizer type's default: char keeps its newline token, word and bpe end a line with {@code <eos>}. */
    public static LineEnd defaultFor(String tokenizerType) {
        return TokenizerSpec.CHAR.equals(tokenizerType) ? NEWLINE_TOKEN : EOS;
    }

    /** The token appended to every line, if any. */
    public Optional<String> token() {
        return Optional.ofNullable(token);
    }
}

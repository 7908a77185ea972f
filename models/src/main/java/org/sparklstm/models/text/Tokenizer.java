package org.sparklstm.models.text;

import java.io.Serializable;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Splits one line of text into tokens, and joins generated tokens back into text. The token a line ends with
 * is not the tokenizer's: {@link TextEncoding} adds the spec's {@link LineEnd}.
 */
public interface Tokenizer extends Serializable {

    List<String> tokenize(String line);

    /** Emits the ids of a line's tokens; tokenizers may do this without building token strings. */
    default void encode(String line, Vocabulary vocabulary, IntConsumer ids) {
        for (String token : tokenize(line)) {
            ids.accept(vocabulary.id(token));
        }
    }

    String join(List<String> tokens);
}

package org.sparklstm.models.text;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/** One token per Unicode code point; the line's end is the spec's {@link LineEnd} (a newline by default). */
public final class CharTokenizer implements Tokenizer {

    @Override
    public List<String> tokenize(String line) {
        List<String> tokens = new ArrayList<>(line.length());
        line.codePoints().forEach(cp -> tokens.add(new String(Character.toChars(cp))));
        return tokens;
    }

    /** The hot path of encoding: code points straight to ids, no strings. */
    @Override
    public void encode(String line, Vocabulary vocabulary, IntConsumer ids) {
        for (int i = 0; i < line.length(); ) {
            int cp = line.codePointAt(i);
            ids.accept(vocabulary.codePointId(cp));
            i += Character.charCount(cp);
        }
    }

    @Override
    public String join(List<String> tokens) {
        return String.join("", tokens);
    }
}

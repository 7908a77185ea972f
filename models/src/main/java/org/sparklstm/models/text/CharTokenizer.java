package org.sparklstm.models.text;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/** One token per Unicode code point; every line ends with a newline token so line breaks are learned. */
public final class CharTokenizer implements Tokenizer {

    @Override
    public List<String> tokenize(String line) {
        List<String> tokens = new ArrayList<>(line.length() + 1);
        line.codePoints().forEach(cp -> tokens.add(new String(Character.toChars(cp))));
        tokens.add("\n");
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
        ids.accept(vocabulary.codePointId('\n'));
    }

    /** Splits text without adding the end-of-line token (for prompts). */
    public List<String> tokenizeRaw(String text) {
        List<String> tokens = new ArrayList<>(text.length());
        text.codePoints().forEach(cp -> tokens.add(new String(Character.toChars(cp))));
        return tokens;
    }

    @Override
    public String join(List<String> tokens) {
        return String.join("", tokens);
    }
}

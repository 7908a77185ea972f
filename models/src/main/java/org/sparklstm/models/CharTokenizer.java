package org.sparklstm.models;

import java.util.ArrayList;
import java.util.List;

/** One token per Unicode code point; every line ends with a newline token so line breaks are learned. */
public final class CharTokenizer implements Tokenizer {

    @Override
    public List<String> tokenize(String line) {
        List<String> tokens = new ArrayList<>(line.length() + 1);
        line.codePoints().forEach(cp -> tokens.add(new String(Character.toChars(cp))));
        tokens.add("\n");
        return tokens;
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

package org.sparklstm.models;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Tokens are the matches of a regular expression; line breaks carry no token. */
public final class WordTokenizer implements Tokenizer {

    private final String pattern;
    private final boolean lowercase;
    private transient Pattern compiled;

    public WordTokenizer(String pattern, boolean lowercase) {
        this.pattern = pattern;
        this.lowercase = lowercase;
    }

    @Override
    public List<String> tokenize(String line) {
        if (compiled == null) {
            compiled = Pattern.compile(pattern, Pattern.UNICODE_CHARACTER_CLASS);
        }
        String text = lowercase ? line.toLowerCase(Locale.ROOT) : line;
        List<String> tokens = new ArrayList<>();
        Matcher m = compiled.matcher(text);
        while (m.find()) {
            tokens.add(m.group());
        }
        return tokens;
    }

    @Override
    public String join(List<String> tokens) {
        return String.join(" ", tokens);
    }
}

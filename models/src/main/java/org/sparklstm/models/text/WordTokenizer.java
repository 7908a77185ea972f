package org.sparklstm.models.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Tokens are the matches of a regular expression; the line's end is the spec's {@link LineEnd}. */
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
        List<String> tokens = new ArrayList<>();
        forEachToken(line, tokens::add);
        return tokens;
    }

    @Override
    public void encode(String line, Vocabulary vocabulary, IntConsumer ids) {
        forEachToken(line, token -> ids.accept(vocabulary.id(token)));
    }

    /** Visits the tokens without collecting them: the hot path of counting and encoding. */
    public void forEachToken(String line, Consumer<String> visitor) {
        if (compiled == null) {
            compiled = Pattern.compile(pattern, Pattern.UNICODE_CHARACTER_CLASS);
        }
        Matcher m = compiled.matcher(lowercase ? line.toLowerCase(Locale.ROOT) : line);
        while (m.find()) {
            visitor.accept(m.group());
        }
    }

    @Override
    public String join(List<String> tokens) {
        return String.join(" ", tokens);
    }
}

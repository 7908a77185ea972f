package org.sparklstm.jobs.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.sparklstm.models.text.LineEnd;
import org.sparklstm.models.text.TokenizerSpec;
import org.sparklstm.pipeline.flow.Task;

/** {@code tokenizer.*}: how text becomes tokens, for language models and classifiers. */
final class TokenizerSection {

    /** {@code tokenizer.line-end}'s default: each tokenizer's own line end (see {@link #lineEnd}). */
    private static final String AUTO = "auto";

    private TokenizerSection() {
    }

    static TokenizerSpec read(ConfigValues v, Task task) {
        String type = v.oneOf("tokenizer.type", List.of(TokenizerSpec.CHAR, TokenizerSpec.WORD, TokenizerSpec.BPE));
        String pattern = v.string("tokenizer.pattern");
        try {
            Pattern.compile(pattern);
        } catch (PatternSyntaxException e) {
            throw ConfigException.of("tokenizer.pattern", pattern, "a Java regular expression (" + e.getDescription()
                    + ")");
        }
        return new TokenizerSpec(type, pattern, v.bool("tokenizer.lowercase"), v.atLeast("tokenizer.max-vocabulary", 3),
                v.atLeast("tokenizer.min-count", 1), v.atLeast("tokenizer.bpe-vocabulary", 3), lineEnd(v, type, task));
    }

    private static LineEnd lineEnd(ConfigValues v, String type, Task task) {
        List<String> names = new ArrayList<>(List.of(AUTO));
        Arrays.stream(LineEnd.values()).map(LineEnd::configName).forEach(names::add);
        String name = v.oneOf("tokenizer.line-end", names);
        if (!name.equals(AUTO)) {
            return LineEnd.fromConfigName(name);
        }
        // a classifier's text is no line of a corpus: word and bpe texts end as they did before line ends
        return task == Task.CLASSIFY && !TokenizerSpec.CHAR.equals(type) ? LineEnd.NONE : LineEnd.defaultFor(type);
    }
}

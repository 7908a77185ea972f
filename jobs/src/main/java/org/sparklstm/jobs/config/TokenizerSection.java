package org.sparklstm.jobs.config;

import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.sparklstm.models.text.TokenizerSpec;

/** {@code tokenizer.*}: how text becomes tokens, for language models and classifiers. */
final class TokenizerSection {

    private TokenizerSection() {
    }

    static TokenizerSpec read(ConfigValues v) {
        String type = v.oneOf("tokenizer.type", List.of(TokenizerSpec.CHAR, TokenizerSpec.WORD, TokenizerSpec.BPE));
        String pattern = v.string("tokenizer.pattern");
        try {
            Pattern.compile(pattern);
        } catch (PatternSyntaxException e) {
            throw ConfigException.of("tokenizer.pattern", pattern, "a Java regular expression (" + e.getDescription()
                    + ")");
        }
        return new TokenizerSpec(type, pattern, v.bool("tokenizer.lowercase"), v.atLeast("tokenizer.max-vocabulary", 3),
                v.atLeast("tokenizer.min-count", 1), v.atLeast("tokenizer.bpe-vocabulary", 3));
    }
}

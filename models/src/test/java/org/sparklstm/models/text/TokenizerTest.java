package org.sparklstm.models.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class TokenizerTest {

    @Test
    void charTokensAreCodePoints() {
        assertEquals(List.of("É", "m", "m", "a", "\uD83D\uDE00"), new CharTokenizer().tokenize("Émma\uD83D\uDE00"));
        assertEquals(List.of(), new CharTokenizer().tokenize(""));
    }

    @Test
    void wordTokensSplitPunctuationAndLowercase() {
        Tokenizer t = new TokenizerSpec("word", TokenizerSpec.DEFAULT_WORD_PATTERN, true, 100, 1).tokenizer();
        assertEquals(List.of("it", "is", "a", "truth", ",", "universally", "acknowledged", "."),
                t.tokenize("It is a truth, universally acknowledged."));
        Tokenizer cased = new TokenizerSpec("word", "\\S+", false, 100, 1).tokenizer();
        assertEquals(List.of("Mr.", "Darcy!"), cased.tokenize("  Mr. Darcy!  "));
        assertEquals("Mr. Darcy!", cased.join(List.of("Mr.", "Darcy!")));
    }

    @Test
    void badSpecsNameTheKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TokenizerSpec("wordpiece", "x", false, 100, 1));
        assertEquals("tokenizer.type: 'wordpiece' is not one of char, word, bpe", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TokenizerSpec.bpe("x", false, 2, 1));
        assertThrows(IllegalStateException.class, () -> TokenizerSpec.bpe("x", false, 100, 1).tokenizer());
        assertThrows(IllegalArgumentException.class, () -> new TokenizerSpec("word", "x", false, 2, 1));
        assertThrows(IllegalArgumentException.class, () -> new TokenizerSpec("word", "x", false, 10, 0));
    }
}

package org.sparklstm.pipeline.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sparklstm.models.text.BpeMerges;
import org.sparklstm.models.text.LineEnd;
import org.sparklstm.models.text.TextEncoding;
import org.sparklstm.models.text.TokenizerSpec;
import org.sparklstm.models.text.Vocabulary;

/** How generated ids become text: line ends break lines, a document's start leaves a blank line. */
class SamplingTest {

    private static final Vocabulary WORDS = new Vocabulary(List.of("<unk>", "<eos>", "the", "cat", "sat", "\n"));

    private static TextEncoding words(LineEnd lineEnd) {
        return TextEncoding.of(new TokenizerSpec(TokenizerSpec.WORD, TokenizerSpec.DEFAULT_WORD_PATTERN, false, 100,
                1, 100, lineEnd), WORDS);
    }

    @Test
    void wordLineEndsPrintAsLineBreaks() {
        // "cat", <eos> ending the line, <eos> starting a document, "the sat"
        assertEquals("the cat\n\nthe sat", Sampling.text(words(LineEnd.EOS), List.of("the"), List.of(3, 1, 1, 2, 4)));
        assertEquals("the cat\nsat", Sampling.text(words(LineEnd.EOS), List.of("the"), List.of(3, 1, 4)));
        // without line ends, <eos> only starts documents
        assertEquals("the cat\n\nthe", Sampling.text(words(LineEnd.NONE), List.of("the"), List.of(3, 1, 2)));
        assertEquals("the cat\nthe\n\nsat",
                Sampling.text(words(LineEnd.NEWLINE_TOKEN), List.of("the"), List.of(3, 5, 2, 1, 4)));
    }

    @Test
    void bpeLineEndsPrintAsLineBreaks() {
        TextEncoding bpe = new TextEncoding(TokenizerSpec.bpe(TokenizerSpec.DEFAULT_WORD_PATTERN, false, 100, 1),
                new Vocabulary(List.of("<unk>", "<eos>", "cat</w>", "at</w>")), BpeMerges.none());
        assertEquals("cat at\ncat", Sampling.text(bpe, List.of("cat</w>"), List.of(3, 1, 2)));
    }

    @Test
    void charTextIsUnchanged() {
        TextEncoding chars = TextEncoding.of(TokenizerSpec.chars(),
                new Vocabulary(List.of("<unk>", "<eos>", "a", "\n", "b")));
        assertEquals("ab\na\n\nb", Sampling.text(chars, List.of("a"), List.of(4, 3, 2, 1, 4)));
    }
}

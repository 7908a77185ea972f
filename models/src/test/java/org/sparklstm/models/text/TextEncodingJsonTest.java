package org.sparklstm.models.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextEncodingJsonTest {

    private static String savedBeforeLineEnds(String type, String merges) {
        return "{\"tokenizer\": {\"type\": \"" + type + "\", \"pattern\": \"\\\\S+\", \"lowercase\": false,"
                + " \"max_vocabulary\": 100, \"min_count\": 1, \"bpe_vocabulary\": 100},"
                + " \"tokens\": [\"<unk>\", \"<eos>\", \"a</w>\", \"\\n\"]" + merges + "}";
    }

    @Test
    void encodingsSavedBeforeLineEndsKeepTheEndsTheyWereTrainedWith() {
        TextEncoding word = TextEncodingJson.parse(savedBeforeLineEnds("word", ""));
        assertEquals(LineEnd.NONE, word.spec().lineEnd());
        assertArrayEquals(new int[]{0, 0}, word.encode("a b"));
        TextEncoding bpe = TextEncodingJson.parse(savedBeforeLineEnds("bpe", ", \"merges\": []"));
        assertEquals(LineEnd.NONE, bpe.spec().lineEnd());
        assertArrayEquals(new int[]{2}, bpe.encode("a"));
        TextEncoding chars = TextEncodingJson.parse(savedBeforeLineEnds("char", ""));
        assertEquals(LineEnd.NEWLINE_TOKEN, chars.spec().lineEnd());
        assertArrayEquals(new int[]{0, 3}, chars.encode("a"));
    }

    @Test
    void theLineEndIsSavedAndLoaded() {
        for (LineEnd lineEnd : LineEnd.values()) {
            TokenizerSpec spec = new TokenizerSpec(TokenizerSpec.WORD, "\\S+", true, 100, 2, 300, lineEnd);
            TextEncoding encoding = TextEncoding.of(spec, new Vocabulary(List.of("<unk>", "<eos>", "a")));
            String json = TextEncodingJson.write(encoding);
            assertTrue(json.contains("\"line_end\": \"" + lineEnd.configName() + "\""), json);
            assertEquals(spec, TextEncodingJson.parse(json).spec());
        }
    }
}

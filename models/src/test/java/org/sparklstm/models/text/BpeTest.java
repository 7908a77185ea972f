package org.sparklstm.models.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BpeTest {

    /** Sennrich et al.'s example: low x5, lower x2, newest x6, widest x3. */
    private static Map<String, Long> sennrich() {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("low", 5L);
        counts.put("lower", 2L);
        counts.put("newest", 6L);
        counts.put("widest", 3L);
        return counts;
    }

    private static List<String> merged(BpeMerges merges) {
        return merges.merges().stream().map(BpeMerges.Merge::merged).toList();
    }

    /*
     * By hand. Symbols: l o w</w> | l o w e r</w> | n e w e s t</w> | w i d e s t</w>.
     *  1. pairs: e s 9, s t</w> 9, w e 8, l o 7, ...  tie at 9: "e" < "s"           -> es
     *  2. es t</w> 9                                                                 -> est</w>
     *  3. l o 7                                                                      -> lo
     *  4. n e 6, e w 6, w est</w> 6: "e" < "n" < "w"                                 -> ew
     *  5. n ew 6, ew est</w> 6: "ew" < "n"                                           -> ewest</w>
     *  6. n ewest</w> 6                                                              -> newest</w>
     *  7. lo w</w> 5                                                                 -> low</w>
     *  8. w i 3, i d 3, d est</w> 3: "d" < "i" < "w"                                 -> dest</w>
     *  9. i dest</w> 3, w i 3                                                        -> idest</w>
     * 10. w idest</w> 3                                                              -> widest</w>
     * 11. lo w 2, w e 2, e r</w> 2: "e" < "lo" < "w"                                 -> er</w>
     * 12. lo w 2, w er</w> 2                                                         -> low
     * 13. low er</w> 2                                                               -> lower</w>
     * then every word is one symbol: no pair is left.
     */
    @Test
    void mergesFollowTheHandCheckedSequence() {
        BpeLearner.Learned learned = BpeLearner.learn(sennrich(), 100);
        assertEquals(List.of("es", "est</w>", "lo", "ew", "ewest</w>", "newest</w>", "low</w>", "dest</w>",
                "idest</w>", "widest</w>", "er</w>", "low", "lower</w>"), merged(learned.merges()));
        assertEquals(new BpeMerges.Merge("es", "t</w>"), learned.merges().merges().get(1));
        // base symbols by count (e 17, w 11, s 9, t</w> 9, l 7, o 7, n 6, w</w> 5, d 3, i 3, r</w> 2), then merges
        List<String> expected = new ArrayList<>(List.of("<unk>", "<eos>", "e", "w", "s", "t</w>", "l", "o", "n",
                "w</w>", "d", "i", "r</w>"));
        expected.addAll(merged(learned.merges()));
        assertEquals(expected, learned.vocabulary().tokens());
    }

    @Test
    void targetSizeStopsMerging() {
        BpeLearner.Learned learned = BpeLearner.learn(sennrich(), 2 + 11 + 4);
        assertEquals(List.of("es", "est</w>", "lo", "ew"), merged(learned.merges()));
        assertEquals(17, learned.vocabulary().size());
        // fewer ids than base symbols: the most frequent symbols stay, nothing is merged
        BpeLearner.Learned tiny = BpeLearner.learn(sennrich(), 5);
        assertEquals(List.of("<unk>", "<eos>", "e", "w", "s"), tiny.vocabulary().tokens());
        assertEquals(0, tiny.merges().size());
    }

    @Test
    void sameCountsInAnyOrderGiveTheSameMerges() {
        Map<String, Long> counts = new LinkedHashMap<>();
        Random random = new Random(3);
        String letters = "abcdefgh";
        for (int i = 0; i < 400; i++) {
            StringBuilder w = new StringBuilder();
            for (int j = 0, n = 1 + random.nextInt(7); j < n; j++) {
                w.append(letters.charAt(random.nextInt(letters.length())));
            }
            counts.put(w.toString(), 1L + random.nextInt(4)); // small counts: many ties
        }
        BpeLearner.Learned first = BpeLearner.learn(counts, 150);
        assertEquals(150, first.vocabulary().size());
        List<Map.Entry<String, Long>> entries = new ArrayList<>(counts.entrySet());
        for (long seed = 0; seed < 3; seed++) {
            Collections.shuffle(entries, new Random(seed));
            Map<String, Long> shuffled = new LinkedHashMap<>();
            entries.forEach(e -> shuffled.put(e.getKey(), e.getValue()));
            BpeLearner.Learned again = BpeLearner.learn(shuffled, 150);
            assertEquals(first.merges(), again.merges());
            assertEquals(first.vocabulary().tokens(), again.vocabulary().tokens());
        }
    }

    @Test
    void encodingAppliesMergesByRank() {
        BpeMerges merges = BpeLearner.learn(sennrich(), 2 + 11 + 4).merges(); // es, est</w>, lo, ew
        // l o w e s t</w> -> es (rank 0) -> est</w> (1) -> lo (2); "ew" cannot apply: w is followed by est</w>
        assertEquals(List.of("lo", "w", "est</w>"), merges.segment("lowest"));
        assertEquals(List.of("n", "ew", "est</w>"), merges.segment("newest"));
        assertEquals(List.of("s", "lo", "w</w>"), merges.segment("slow"));
        assertEquals(List.of("a</w>"), merges.segment("a"));
    }

    @Test
    void textRoundTripsThroughIdsAndUnknownSymbolsAreUnk() {
        TokenizerSpec spec = TokenizerSpec.bpe(TokenizerSpec.DEFAULT_WORD_PATTERN, false, 100, 1);
        BpeLearner.Learned learned = BpeLearner.learn(sennrich(), 100);
        TextEncoding encoding = new TextEncoding(spec, learned.vocabulary(), learned.merges());
        Vocabulary v = encoding.vocabulary();
        int[] ids = encoding.encode("lowest newest, wides");
        List<String> tokens = new ArrayList<>();
        for (int id : ids) {
            tokens.add(v.token(id));
        }
        // ",</w>" and "s</w>" (s ending a word) never occurred in training; <eos> ends the line
        assertEquals(List.of("low", "est</w>", "newest</w>", "<unk>", "w", "i", "d", "e", "<unk>", "<eos>"), tokens);
        assertArrayEquals(new int[]{v.id("low"), v.id("est</w>"), v.id("newest</w>"), Vocabulary.UNK_ID},
                java.util.Arrays.copyOf(ids, 4));
        assertEquals("lowest newest", encoding.join(encoding.promptTokens("lowest  newest")));
        assertEquals("widest low lower", encoding.join(List.of("wid", "est</w>", "low</w>", "lower</w>")));
    }

    @Test
    void joinRestoresWhitespaceSeparatedText() {
        String text = "It is a truth, universally acknowledged, that a single man in possession";
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String w : text.split(" ")) {
            counts.merge(w, 1L, Long::sum);
        }
        TokenizerSpec spec = TokenizerSpec.bpe("\\S+", false, 40, 1);
        BpeLearner.Learned learned = BpeLearner.learn(counts, spec.bpeVocabulary());
        TextEncoding encoding = new TextEncoding(spec, learned.vocabulary(), learned.merges());
        List<String> tokens = encoding.promptTokens(text);
        assertTrue(tokens.size() > text.split(" ").length, "subwords, not whole words: " + tokens);
        assertEquals(text, encoding.join(tokens));
        int[] ids = encoding.encode(text);
        assertEquals(Vocabulary.EOS_ID, ids[ids.length - 1], "the line's end");
        List<String> back = new ArrayList<>();
        for (int id : java.util.Arrays.copyOf(ids, ids.length - 1)) {
            assertTrue(id != Vocabulary.UNK_ID, "every symbol was seen");
            back.add(encoding.vocabulary().token(id));
        }
        assertEquals(text, encoding.join(back));
    }
}

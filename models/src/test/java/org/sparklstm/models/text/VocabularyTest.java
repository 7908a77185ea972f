package org.sparklstm.models.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VocabularyTest {

    @Test
    void idsFollowCountsThenTokenWithSpecialsFirst() {
        Vocabulary v = Vocabulary.fromCounts(Map.of("b", 5L, "a", 5L, "c", 9L, "d", 1L), 100, 2);
        assertEquals(List.of("<unk>", "<eos>", "c", "a", "b"), v.tokens());
        assertArrayEquals(new int[]{2, 3, 0, 0}, v.encode(List.of("c", "a", "d", "zzz")));
    }

    @Test
    void maxSizeCountsTheSpecialTokens() {
        Vocabulary v = Vocabulary.fromCounts(Map.of("x", 3L, "y", 2L, "z", 1L), 3, 1);
        assertEquals(List.of("<unk>", "<eos>", "x"), v.tokens());
        assertEquals(Vocabulary.UNK_ID, v.id("y"));
    }
}

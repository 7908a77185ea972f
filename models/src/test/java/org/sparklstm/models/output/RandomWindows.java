package org.sparklstm.models.output;

import java.util.Random;
import org.sparklstm.models.lm.SequenceBlock;

/** Seeded windows of uniformly random token ids, for the output layers' tests. */
final class RandomWindows {

    private RandomWindows() {
    }

    static SequenceBlock of(int vocabularySize, int windows, int length, long seed) {
        Random r = new Random(seed);
        int[] data = new int[windows * length];
        for (int i = 0; i < data.length; i++) {
            data[i] = r.nextInt(vocabularySize);
        }
        return new SequenceBlock(length, data);
    }
}

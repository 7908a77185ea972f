package org.sparklstm.models.classify;

import java.io.Serializable;
import java.util.Arrays;
import org.sparklstm.models.text.TextEncoding;
import org.sparklstm.models.text.Vocabulary;

/**
 * How a text becomes the ids a classifier reads: encoded (char, word or bpe, as learned) and cut to
 * {@code maxLength} tokens, keeping the start or (with {@code keepEnd}) the end.
 */
public record TextPreparation(TextEncoding encoding, int maxLength, boolean keepEnd) implements Serializable {

    public TextPreparation {
        if (maxLength < 1) {
            throw new IllegalArgumentException("maximum length " + maxLength + " must be >= 1");
        }
    }

    public int[] ids(String text) {
        int[] all = encoding.encode(text);
        int n = Math.min(all.length, maxLength);
        int from = keepEnd ? all.length - n : 0;
        return Arrays.copyOfRange(all, from, from + n);
    }

    public Vocabulary vocabulary() {
        return encoding.vocabulary();
    }
}

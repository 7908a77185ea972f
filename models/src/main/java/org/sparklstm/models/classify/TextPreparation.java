package org.sparklstm.models.classify;

import java.io.Serializable;
import java.util.Arrays;
import java.util.function.IntConsumer;
import org.sparklstm.models.Tokenizer;
import org.sparklstm.models.TokenizerSpec;
import org.sparklstm.models.Vocabulary;

/**
 * How a text becomes the ids a classifier reads: tokenized, encoded with the vocabulary, and cut to
 * {@code maxLength} tokens, keeping the start or (with {@code keepEnd}) the end.
 */
public final class TextPreparation implements Serializable {

    private final TokenizerSpec tokenizer;
    private final Vocabulary vocabulary;
    private final int maxLength;
    private final boolean keepEnd;
    private transient Tokenizer built;

    public TextPreparation(TokenizerSpec tokenizer, Vocabulary vocabulary, int maxLength, boolean keepEnd) {
        if (maxLength < 1) {
            throw new IllegalArgumentException("maximum length " + maxLength + " must be >= 1");
        }
        this.tokenizer = tokenizer;
        this.vocabulary = vocabulary;
        this.maxLength = maxLength;
        this.keepEnd = keepEnd;
    }

    public int[] ids(String text) {
        if (built == null) {
            built = tokenizer.tokenizer();
        }
        IdBuffer buffer = new IdBuffer();
        built.encode(text, vocabulary, buffer);
        int n = Math.min(buffer.size, maxLength);
        int from = keepEnd ? buffer.size - n : 0;
        return Arrays.copyOfRange(buffer.ids, from, from + n);
    }

    public TokenizerSpec tokenizer() {
        return tokenizer;
    }

    public Vocabulary vocabulary() {
        return vocabulary;
    }

    public int maxLength() {
        return maxLength;
    }

    public boolean keepEnd() {
        return keepEnd;
    }

    private static final class IdBuffer implements IntConsumer {
        private int[] ids = new int[64];
        private int size;

        @Override
        public void accept(int id) {
            if (size == ids.length) {
                ids = Arrays.copyOf(ids, size * 2);
            }
            ids[size++] = id;
        }
    }
}

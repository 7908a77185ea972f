package org.sparklstm.models.lm;

import java.util.List;
import org.sparklstm.models.text.Vocabulary;

/**
 * Many token windows of equal length packed in one int array: the compact form in which sequences
 * are cached, shipped and read into minibatches. A window of {@code windowLength} tokens gives inputs {@code [0, n-1)} and
 * next-token targets {@code [1, n)}.
 */
public final class SequenceBlock implements WindowSource {

    private final int windowLength;
    private final int[] data;

    public SequenceBlock(int windowLength, int[] data) {
        if (windowLength < 2) {
            throw new IllegalArgumentException("window length " + windowLength + " < 2");
        }
        if (data.length % windowLength != 0) {
            throw new IllegalArgumentException("data length " + data.length + " is not a multiple of " + windowLength);
        }
        this.windowLength = windowLength;
        this.data = data;
    }

    public static SequenceBlock of(int windowLength, List<int[]> windows) {
        int[] data = new int[windows.size() * windowLength];
        for (int i = 0; i < windows.size(); i++) {
            int[] w = windows.get(i);
            if (w.length != windowLength) {
                throw new IllegalArgumentException("window " + i + " has " + w.length + " tokens, not " + windowLength);
            }
            System.arraycopy(w, 0, data, i * windowLength, windowLength);
        }
        return new SequenceBlock(windowLength, data);
    }

    @Override
    public int size() {
        return data.length / windowLength;
    }

    @Override
    public int windowLength() {
        return windowLength;
    }

    @Override
    public SequenceBlock read(int[] windows) {
        int[] packed = new int[windows.length * windowLength];
        for (int i = 0; i < windows.length; i++) {
            System.arraycopy(data, windows[i] * windowLength, packed, i * windowLength, windowLength);
        }
        return new SequenceBlock(windowLength, packed);
    }

    /** Every window's index, in order. */
    public int[] indexes() {
        int[] all = new int[size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        return all;
    }

    public int token(int window, int position) {
        return data[window * windowLength + position];
    }

    public int[] window(int i) {
        int[] w = new int[windowLength];
        System.arraycopy(data, i * windowLength, w, 0, windowLength);
        return w;
    }

    /** A copy in a smaller vocabulary: ids at or above {@code size} become {@code <unk>}. */
    @Override
    public SequenceBlock withUnknownFrom(int size) {
        int[] copy = data.clone();
        for (int i = 0; i < copy.length; i++) {
            if (copy[i] >= size) {
                copy[i] = Vocabulary.UNK_ID;
            }
        }
        return new SequenceBlock(windowLength, copy);
    }
}

package org.sparklstm.models.lm;

import java.io.Serializable;

/**
 * One worker's token windows of equal length, read a minibatch at a time: held in memory ({@link SequenceBlock})
 * or streamed from a file, so that a worker's share of a corpus may be larger than its memory.
 */
public interface WindowSource extends Serializable {

    int size();

    int windowLength();

    /** Time steps the network sees per window (one fewer than the window's tokens). */
    default int steps() {
        return windowLength() - 1;
    }

    /** The given windows (indexes into this source), in that order, packed in memory. */
    SequenceBlock read(int[] windows);

    /** This source read in a smaller vocabulary: ids at or above {@code size} read as {@code <unk>}. */
    default WindowSource withUnknownFrom(int size) {
        WindowSource source = this;
        return new WindowSource() {
            @Override
            public int size() {
                return source.size();
            }

            @Override
            public int windowLength() {
                return source.windowLength();
            }

            @Override
            public SequenceBlock read(int[] windows) {
                return source.read(windows).withUnknownFrom(size);
            }
        };
    }

    /** Windows {@code [from, to)}, packed in memory. */
    default SequenceBlock read(int from, int to) {
        int[] windows = new int[to - from];
        for (int i = 0; i < windows.length; i++) {
            windows[i] = from + i;
        }
        return read(windows);
    }
}

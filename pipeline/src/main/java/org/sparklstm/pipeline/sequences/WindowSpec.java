package org.sparklstm.pipeline.sequences;

import java.io.Serializable;

/**
 * How the stream is cut: windows of {@code length + 1} tokens (inputs and shifted targets) every
 * {@code stride} tokens; the last {@code validationFraction} of the stream is held out for validation (unless
 * validation is held-out text of its own).
 */
public record WindowSpec(int length, int stride, double validationFraction) implements Serializable {

    public WindowSpec {
        if (length < 1) {
            throw new IllegalArgumentException("sequence.length: " + length + " must be >= 1");
        }
        if (stride < 1) {
            throw new IllegalArgumentException("sequence.stride: " + stride + " must be >= 1");
        }
        if (validationFraction <= 0 || validationFraction >= 1) {
            throw new IllegalArgumentException("sequence.validation-fraction: " + validationFraction
                    + " must be in (0, 1)");
        }
    }

    public int windowTokens() {
        return length + 1;
    }

    /**
     * The targets of a stretch of {@code tokens} tokens that {@code windows} windows cut from its start every
     * {@code stride} tokens do not cover: none when the stride is at most the length, and the gaps between the
     * windows (and the stretch's tail) when it is longer, which trains on only part of the text.
     */
    public long targetsInNoWindow(long tokens, long windows) {
        if (windows == 0) {
            return Math.max(0, tokens - 1);
        }
        long covered = stride <= length ? (windows - 1) * stride + length : windows * length;
        return Math.max(0, tokens - 1 - covered);
    }
}

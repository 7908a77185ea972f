package org.sparklstm.pipeline.ingest;

import java.io.Serializable;
import java.nio.charset.Charset;
import java.util.Arrays;

/**
 * How text files are read: their encoding ({@code input.encoding}), the share of their lines that may be
 * quarantined before the input counts as unusable ({@code input.max-quarantine-fraction}), and what a file that cannot
 * be read to its end does ({@code input.on-bad-file}).
 *
 * @param encoding           a charset that writes a line end as the single byte {@code \n}, as lines are split on it
 * @param quarantineBadFiles a file that cannot be read to its end (a truncated or corrupt archive) is left out whole,
 *                           as one quarantine row, and the rest of the input is used; else it stops the run
 */
public record TextReading(String encoding, double maxQuarantineFraction, boolean quarantineBadFiles)
        implements Serializable {

    public static final TextReading DEFAULT = new TextReading("UTF-8", 0.01, false);

    public TextReading {
        Charset charset;
        try {
            charset = Charset.forName(encoding);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("input.encoding: unknown charset '" + encoding + "'", e);
        }
        if (!Arrays.equals("\n".getBytes(charset), new byte[]{'\n'})) {
            throw new IllegalArgumentException("input.encoding: " + encoding + " does not write a line end as one "
                    + "byte; give the text as UTF-8 or a one-byte encoding such as windows-1252");
        }
        if (!(maxQuarantineFraction >= 0 && maxQuarantineFraction <= 1)) {
            throw new IllegalArgumentException("input.max-quarantine-fraction: " + maxQuarantineFraction
                    + " is not in [0, 1]");
        }
        encoding = charset.name();
    }

    public Charset charset() {
        return Charset.forName(encoding);
    }
}

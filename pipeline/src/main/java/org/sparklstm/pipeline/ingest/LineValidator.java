package org.sparklstm.pipeline.ingest;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.Charset;

/** Decodes a line's bytes strictly in the input's encoding, or says why the line is unusable. */
final class LineValidator {

    /** Exactly one of text and problem is set. */
    record Checked(String text, String problem) {
    }

    private final CharsetDecoder decoder;

    LineValidator(Charset charset) {
        decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    Checked check(byte[] bytes, int length) {
        for (int i = 0; i < length; i++) {
            if (bytes[i] == 0) {
                return new Checked(null, QuarantineRecord.BINARY + ": NUL byte at byte " + i + " of the line");
            }
        }
        ByteBuffer in = ByteBuffer.wrap(bytes, 0, length);
        CharBuffer out = CharBuffer.allocate(length);
        decoder.reset();
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            return new Checked(null, "invalid " + decoder.charset().name() + " at byte " + in.position()
                    + " of the line");
        }
        decoder.flush(out);
        out.flip();
        return new Checked(out.toString(), null);
    }
}

package org.sparklstm.pipeline.train;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Float arrays one after the other as raw little-endian IEEE 754 values, with nothing between them: the
 * lengths and the CRC-32 of the bytes are kept by whoever writes them (the checkpoint's manifest). Streamed in
 * chunks, so a word model's hundreds of MB never sit in memory twice.
 */
final class FloatArrayFile {

    private static final int CHUNK_FLOATS = 1 << 16;

    private FloatArrayFile() {
    }

    /** @return the CRC-32 of the bytes written */
    static long write(List<float[]> arrays, OutputStream out) throws IOException {
        CRC32 crc = new CRC32();
        ByteBuffer chunk = ByteBuffer.allocate(CHUNK_FLOATS * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (float[] array : arrays) {
            for (int at = 0; at < array.length; at += CHUNK_FLOATS) {
                int n = Math.min(CHUNK_FLOATS, array.length - at);
                chunk.clear();
                chunk.asFloatBuffer().put(array, at, n);
                crc.update(chunk.array(), 0, n * Float.BYTES);
                out.write(chunk.array(), 0, n * Float.BYTES);
            }
        }
        return crc.getValue();
    }

    /** The bytes the arrays of these lengths take. */
    static long bytes(int[] lengths) {
        long floats = 0;
        for (int length : lengths) {
            floats += length;
        }
        return floats * Float.BYTES;
    }

    /**
     * Reads arrays of the given lengths; the stream must end right after them and its bytes must have the CRC-32
     * given.
     */
    static List<float[]> read(InputStream in, int[] lengths, long expectedCrc) throws IOException {
        CRC32 crc = new CRC32();
        byte[] bytes = new byte[CHUNK_FLOATS * Float.BYTES];
        ByteBuffer chunk = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        List<float[]> arrays = new ArrayList<>(lengths.length);
        for (int length : lengths) {
            float[] array = new float[length];
            for (int at = 0; at < length; at += CHUNK_FLOATS) {
                int n = Math.min(CHUNK_FLOATS, length - at);
                readFully(in, bytes, n * Float.BYTES);
                crc.update(bytes, 0, n * Float.BYTES);
                chunk.clear();
                chunk.asFloatBuffer().get(array, at, n);
            }
            arrays.add(array);
        }
        if (in.read() != -1) {
            throw new IOException("it is longer than its " + lengths.length + " arrays of " + bytes(lengths)
                    + " bytes");
        }
        if (crc.getValue() != expectedCrc) {
            throw new IOException("its CRC-32 is " + Long.toHexString(crc.getValue()) + ", the manifest says "
                    + Long.toHexString(expectedCrc));
        }
        return arrays;
    }

    private static void readFully(InputStream in, byte[] into, int n) throws IOException {
        int done = 0;
        while (done < n) {
            int read = in.read(into, done, n - done);
            if (read < 0) {
                throw new EOFException("it ends early (truncated)");
            }
            done += read;
        }
    }
}

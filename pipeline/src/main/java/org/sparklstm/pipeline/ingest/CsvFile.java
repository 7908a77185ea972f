package org.sparklstm.pipeline.ingest;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.spark.input.PortableDataStream;

/**
 * A CSV file as its records are read: decompressed by the Hadoop codec its name gives (gzip, bzip2, ...), split into
 * lines at the byte {@code \n} (a {@code \r} before it dropped), each line decoded strictly in {@code input.encoding},
 * and the lines read as {@link CsvRecords}. A file that cannot be read to its end (a truncated archive) or a line
 * that is not text in the encoding stops the job with an {@link InputException} naming the file, the line and the
 * problem: never a bare stack trace, and no text silently replaced.
 */
public final class CsvFile implements AutoCloseable {

    private final String file;
    private final InputStream in;
    private final CharsetDecoder decoder;
    private final CsvRecords records;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private long lineNumber;

    private CsvFile(String file, InputStream in, Charset charset) {
        this.file = file;
        this.in = in;
        this.decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        this.records = new CsvRecords(this::readLine);
    }

    /** @param encoding a charset's name: charsets themselves are not serializable, so tasks carry the name */
    public static CsvFile open(String file, PortableDataStream stream, String encoding) {
        try {
            InputStream raw = stream.open();
            CompressionCodec codec = new CompressionCodecFactory(new Configuration(false)).getCodec(new Path(file));
            return new CsvFile(file, new BufferedInputStream(codec == null ? raw : codec.createInputStream(raw)),
                    Charset.forName(encoding));
        } catch (IOException e) {
            throw new InputException(file + ": " + UnreadableFile.reason(file, e), e);
        }
    }

    /** The header record, or null for an empty file. */
    public CsvRecords.Record header() {
        try {
            return records.header();
        } catch (IOException e) {
            throw unreadable(e);
        }
    }

    /** The next record, or null at the end of the file. */
    public CsvRecords.Record next() {
        try {
            return records.next();
        } catch (IOException e) {
            throw unreadable(e);
        }
    }

    private String readLine() throws IOException {
        line.reset();
        int b = in.read();
        if (b < 0) {
            return null;
        }
        while (b >= 0 && b != '\n') {
            line.write(b);
            b = in.read();
        }
        lineNumber++;
        byte[] bytes = line.toByteArray();
        int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        ByteBuffer text = ByteBuffer.wrap(bytes, 0, length);
        try {
            return decoder.reset().decode(text).toString();
        } catch (CharacterCodingException e) {
            throw new InputException(file + ", line " + lineNumber + ": not " + decoder.charset().name()
                    + " text at byte " + text.position() + " of the line; set input.encoding to the file's encoding",
                    e);
        }
    }

    private InputException unreadable(IOException e) {
        return new InputException(file + ", after line " + lineNumber + ": " + UnreadableFile.reason(file, e), e);
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException ignored) {
            // read to the end or failed already: nothing is lost by a failed close
        }
    }
}

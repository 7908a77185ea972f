package org.sparklstm.pipeline.ingest;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Reads the records of a CSV file as RFC 4180 has them: a quoted field may hold line breaks, so a record may span
 * lines, and each record is named by its first line (the header is line 1). Blank lines between records are skipped.
 * A quote still open after {@link #MAX_RECORD_LINES} lines, or at the end of the file, makes its first line a
 * record without cells (a problem for the caller to report), and reading goes on from the line after it: one stray
 * quote never swallows the rest of a file.
 */
public final class CsvRecords {

    /** The most lines one record may span. */
    public static final int MAX_RECORD_LINES = 1_000;

    /** The problem of a record whose quote is left open. */
    public static final String UNTERMINATED = "unterminated quote: no closing quote within " + MAX_RECORD_LINES
            + " lines";

    /**
     * One record: the line it starts on, its text (line breaks inside quoted fields kept as {@code \n}) and its
     * cells, or null cells when a quote is left open.
     */
    public record Record(long line, String text, List<String> cells) {

        public boolean unterminated() {
            return cells == null;
        }

        /** The record's text cut to {@code max} characters, for a problem's excerpt. */
        public String excerpt(int max) {
            return text.length() > max ? text.substring(0, max) + "..." : text;
        }
    }

    /** Where the lines come from: one at a time, without their line end; null at the end. */
    public interface Lines {
        String readLine() throws IOException;
    }

    private final Lines in;
    /** Lines read ahead for a record that turned out to be unterminated, to be read again. */
    private final Deque<String> pending = new ArrayDeque<>();
    private long lineNumber;

    public CsvRecords(Lines in) {
        this.in = in;
    }

    /** The header record (line 1, a byte-order mark removed), or null for an empty file. */
    public Record header() throws IOException {
        Record header = next(false);
        if (header == null || header.unterminated() || !header.cells().get(0).startsWith("\uFEFF")) {
            return header;
        }
        List<String> cells = new ArrayList<>(header.cells());
        cells.set(0, cells.get(0).substring(1));
        return new Record(header.line(), header.text().substring(1), cells);
    }

    /** The next non-blank record, or null at the end of the file. */
    public Record next() throws IOException {
        return next(true);
    }

    private Record next(boolean skipBlank) throws IOException {
        String first = line();
        while (skipBlank && first != null && first.isBlank()) {
            first = line();
        }
        if (first == null) {
            return null;
        }
        long start = lineNumber;
        StringBuilder text = new StringBuilder(first);
        List<String> more = new ArrayList<>();
        List<String> cells = CsvLine.split(first);
        while (cells == null && more.size() < MAX_RECORD_LINES - 1) {
            String line = line();
            if (line == null) {
                break;
            }
            more.add(line);
            text.append('\n').append(line);
            cells = CsvLine.split(text.toString());
        }
        if (cells == null) {
            for (int i = more.size() - 1; i >= 0; i--) {
                pending.addFirst(more.get(i));
            }
            lineNumber = start;
            return new Record(start, first, null);
        }
        return new Record(start, text.toString(), cells);
    }

    /** The number of the last line read. */
    public long lineNumber() {
        return lineNumber;
    }

    private String line() throws IOException {
        String line = pending.isEmpty() ? in.readLine() : pending.pollFirst();
        if (line != null) {
            lineNumber++;
        }
        return line;
    }
}

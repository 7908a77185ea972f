package org.sparklstm.pipeline.ingest;

import java.util.Iterator;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;
import org.apache.hadoop.mapreduce.lib.input.TextInputFormat;
import org.apache.spark.api.java.JavaNewHadoopRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * Reads text files (UTF-8, or {@code input.encoding}) line by line on the executors (large files are split, .gz
 * files are decompressed). Lines that are not valid in the encoding or hold binary bytes, and empty files, go to
 * quarantine with a reason. Each file is a document; it starts at its first usable line.
 */
public final class TextIngest {

    /**
     * Lines and quarantined records, in file and offset order, both read from one cached parse; among the
     * quarantined, the files that could not be read to their end.
     */
    public record Result(JavaRDD<TextLine> lines, JavaRDD<QuarantineRecord> quarantine,
                         JavaRDD<QuarantineRecord> unreadable, JavaRDD<?> cache) {

        /** Frees the cached parse once the lines are encoded; later reads go back to the files. */
        public void release() {
            cache.unpersist(false);
        }
    }

    private record Parsed(TextLine line, QuarantineRecord rejected, boolean unreadable)
            implements java.io.Serializable {
    }

    static final long MAX_SPLIT_BYTES = 2L << 20;

    private TextIngest() {
    }

    public static Result read(JavaSparkContext sc, List<FileStatus> files) {
        return read(sc, files, StorageLevel.MEMORY_AND_DISK_SER(), TextReading.DEFAULT);
    }

    /** @param level how the parse is cached while the lines are encoded */
    public static Result read(JavaSparkContext sc, List<FileStatus> files, StorageLevel level, TextReading reading) {
        long totalBytes = files.stream().mapToLong(FileStatus::getLen).sum();
        Configuration conf = new Configuration(sc.hadoopConfiguration());
        // enough splits that every core tokenizes, but no split under 1 MB; none over 2 MB either, since a split
        // becomes one array of token ids in a task's memory
        long splitSize = Math.min(MAX_SPLIT_BYTES,
                Math.max(1L << 20, totalBytes / (2L * sc.defaultParallelism()) + 1));
        conf.setLong("mapreduce.input.fileinputformat.split.maxsize", splitSize);
        String paths = files.stream().map(f -> f.getPath().toString()).collect(Collectors.joining(","));

        @SuppressWarnings("unchecked")
        JavaNewHadoopRDD<LongWritable, Text> raw = (JavaNewHadoopRDD<LongWritable, Text>) sc.newAPIHadoopFile(
                paths, TextInputFormat.class, LongWritable.class, Text.class, conf);
        JavaRDD<Parsed> parsed = raw.mapPartitionsWithInputSplit((split, records) -> {
            String file = ((FileSplit) split).getPath().toString();
            return new ValidatedLines(file, ((FileSplit) split).getStart() == 0, records, reading);
        }, true).persist(level);

        List<QuarantineRecord> emptyFiles = files.stream().filter(f -> f.getLen() == 0)
                .map(f -> new QuarantineRecord(f.getPath().toString(), 0, "empty file", ""))
                .toList();
        JavaRDD<QuarantineRecord> rejected = parsed.filter(p -> p.rejected() != null).map(Parsed::rejected);
        if (!emptyFiles.isEmpty()) {
            rejected = rejected.union(sc.parallelize(emptyFiles, 1));
        }
        return new Result(parsed.filter(p -> p.line() != null).map(Parsed::line), rejected,
                parsed.filter(Parsed::unreadable).map(Parsed::rejected), parsed);
    }

    /**
     * A split's records, each checked as it is asked for, so a split is never held whole. A document starts at the
     * first usable line of the split that begins its file.
     */
    private static final class ValidatedLines implements Iterator<Parsed> {
        private final String file;
        private final Iterator<Tuple2<LongWritable, Text>> records;
        private final LineValidator validator;
        private boolean awaitingDocumentStart;
        private long lastOffset;
        /** Set once the file cannot be read further: its record is the split's last. */
        private Parsed unreadable;
        private boolean ended;

        ValidatedLines(String file, boolean startsFile, Iterator<Tuple2<LongWritable, Text>> records,
                       TextReading reading) {
            this.validator = new LineValidator(reading.charset());
            this.file = file;
            this.awaitingDocumentStart = startsFile;
            this.records = records;
        }

        @Override
        public boolean hasNext() {
            if (ended) {
                return unreadable != null;
            }
            try {
                return records.hasNext();
            } catch (Exception e) {
                // Hadoop's reader throws the stream's IOException undeclared through Spark's iterator; it is
                // recorded, not thrown, so the driver reports it in one line instead of a task failure's trace
                if (!(e instanceof java.io.IOException)) {
                    throw e;
                }
                ended = true;
                unreadable = new Parsed(null, new QuarantineRecord(file, lastOffset, UnreadableFile.reason(file, e),
                        ""), true);
                return true;
            }
        }

        @Override
        public Parsed next() {
            if (!hasNext()) {
                throw new java.util.NoSuchElementException(file);
            }
            if (ended) {
                Parsed last = unreadable;
                unreadable = null;
                return last;
            }
            Tuple2<LongWritable, Text> record = records.next();
            long offset = record._1().get();
            lastOffset = offset;
            Text text = record._2();
            LineValidator.Checked checked = validator.check(text.getBytes(), text.getLength());
            if (checked.problem() != null) {
                return new Parsed(null, new QuarantineRecord(file, offset, checked.problem(), excerpt(text)), false);
            }
            Parsed line = new Parsed(new TextLine(file, offset, checked.text(), awaitingDocumentStart), null, false);
            awaitingDocumentStart = false;
            return line;
        }
    }

    /** The start of a bad line, printable, so a reader can find it. */
    static String excerpt(Text text) {
        int n = Math.min(text.getLength(), 40);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            int b = text.getBytes()[i] & 0xff;
            sb.append(b >= 0x20 && b < 0x7f ? String.valueOf((char) b) : String.format("\\x%02x", b));
        }
        return sb.toString();
    }
}

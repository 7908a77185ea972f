package org.sparklstm.pipeline.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.zip.GZIPOutputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparklstm.models.forecast.SeriesColumns;
import org.sparklstm.pipeline.SparkTestSupport;
import org.sparklstm.pipeline.classify.LabelledTextIngest;
import org.sparklstm.pipeline.classify.TextColumns;
import org.sparklstm.pipeline.lm.Corpus;
import org.sparklstm.pipeline.lm.TextSource;
import org.sparklstm.pipeline.series.MissingValues;
import org.sparklstm.pipeline.series.SeriesFormat;
import org.sparklstm.pipeline.series.SeriesIngest;

/**
 * Seeded fuzzing of every reader (language-model text, labelled CSV and Parquet, series CSV and Parquet) with the
 * inputs that break readers: random and mutated bytes, truncated and concatenated gzip, CRLF and byte-order marks, a
 * huge single line, quoted fields with line breaks, stray quotes, non-finite numbers, wrong column types, empty files
 * and empty Parquet partitions. Each case must end in a named error (an {@link InputException} that names the file)
 * or in a result whose quarantined records are counted: never another exception, never a record lost without a
 * count. The counts are printed at the end.
 */
class InputFuzzTest extends SparkTestSupport {

    private static final long SEED = 20261208L;
    private static final Map<String, Integer> OUTCOMES = new LinkedHashMap<>(Map.of(
            "cases", 0, "named errors", 0, "quarantines", 0, "clean", 0, "failures", 0));
    private static final List<String> FAILURES = new ArrayList<>();

    @TempDir
    static Path tmp;

    private enum Reader { TEXT, LABELLED, SERIES }

    private static final byte[] NOVEL = bytes(DATA_SAMPLES.resolve("austen-persuasion.txt"), 40_000);
    private static final byte[] REVIEWS = bytes(DATA_SAMPLES.resolve("fine_foods_train.csv"), 40_000);
    private static final byte[] SUNSPOTS = bytes(DATA_SAMPLES.resolve("sunspot.month.csv"), 20_000);

    private static byte[] bytes(Path file, int max) {
        try {
            byte[] all = Files.readAllBytes(file);
            // whole lines only: the samples themselves are valid
            int end = Math.min(all.length, max);
            while (end < all.length && all[end - 1] != '\n') {
                end++;
            }
            return Arrays.copyOf(all, end);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The generated contents of one reader's cases, by name. */
    private static Map<String, byte[]> cases(Reader reader, Random random) throws IOException {
        byte[] valid = switch (reader) {
            case TEXT -> NOVEL;
            case LABELLED -> REVIEWS;
            case SERIES -> SUNSPOTS;
        };
        String header = reader == Reader.LABELLED ? "\"product\",\"review\",\"score\"\n"
                : reader == Reader.SERIES ? "\"time\",\"value\"\n" : "";
        Map<String, byte[]> cases = new LinkedHashMap<>();
        for (int i = 0; i < 4; i++) {
            byte[] noise = new byte[1 + random.nextInt(5_000)];
            random.nextBytes(noise);
            cases.put("random-" + i, noise);
            cases.put("random-after-header-" + i, concat(header.getBytes(StandardCharsets.UTF_8), noise));
            cases.put("mutated-" + i, mutate(valid, random, 1 + random.nextInt(40)));
        }
        cases.put("empty", new byte[0]);
        cases.put("header-only", header.getBytes(StandardCharsets.UTF_8));
        cases.put("crlf", new String(valid, StandardCharsets.UTF_8).replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8));
        cases.put("bom", concat(new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, valid));
        cases.put("nul-bytes", mutateWith(valid, random, 30, (byte) 0));
        cases.put("huge-line", concat(header.getBytes(StandardCharsets.UTF_8),
                ("x".repeat(2_000_000) + "\n").getBytes(StandardCharsets.UTF_8)));
        byte[] gz = gzip(valid);
        cases.put("truncated.gz", Arrays.copyOf(gz, gz.length / 2));
        cases.put("concatenated.gz", concat(gz, gzip(Arrays.copyOfRange(valid, header.length(), valid.length))));
        cases.put("garbage.gz", mutate(gz, random, 20));
        switch (reader) {
            case TEXT -> cases.put("windows-1252", "caf\u00e9 cr\u00e8me\nna\u00efve\n".repeat(50)
                    .getBytes("windows-1252"));
            case LABELLED -> {
                cases.put("multi-line-quotes", (header + "\"p1\",\"line one\nline two\r\n\nline four\",\"good\"\n"
                        + "\"p2\",\"plain\",\"other\"\n").getBytes(StandardCharsets.UTF_8));
                cases.put("stray-quote", (header + "\"p1\",\"never closed,good\n\"p2\",\"fine\",\"good\"\n")
                        .getBytes(StandardCharsets.UTF_8));
                cases.put("wrong-cell-count", (header + "p1,only two\np2,a,b,c,d\np3,fine,good\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
            case SERIES -> {
                cases.put("non-finite", (header + "1,1.5\n2,NaN\n3,Infinity\n4,1e999\n5,-Infinity\n6,2.5\n")
                        .getBytes(StandardCharsets.UTF_8));
                cases.put("wrong-types", (header + "1,1.5\nabc,2\n3,three\n4,4.5\n").getBytes(StandardCharsets.UTF_8));
                cases.put("time-backwards", (header + "3,1\n2,2\n1,3\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        return cases;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static byte[] mutate(byte[] valid, Random random, int edits) {
        byte[] out = valid.clone();
        for (int i = 0; i < edits; i++) {
            out[random.nextInt(out.length)] = (byte) random.nextInt(256);
        }
        return out;
    }

    private static byte[] mutateWith(byte[] valid, Random random, int edits, byte value) {
        byte[] out = valid.clone();
        for (int i = 0; i < edits; i++) {
            out[random.nextInt(out.length)] = value;
        }
        return out;
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(data);
        }
        return bytes.toByteArray();
    }

    /**
     * Reads one file with a reader; returns its quarantined count. A CSV file's records (as {@link CsvRecords} reads
     * the decompressed text) must each be a row or a quarantined problem: none may vanish.
     */
    private long read(Reader reader, Path file) {
        List<org.apache.hadoop.fs.FileStatus> files = InputFiles.resolve("input.path", file.toString(),
                new Configuration());
        long[] keptAndQuarantined = switch (reader) {
            case TEXT -> new long[]{-1, Corpus.read(sc, new TextSource("input.path", file.toString(), files,
                    new TextReading("UTF-8", 1.0, false))).quarantined()};
            case LABELLED -> {
                LabelledTextIngest.Result r = LabelledTextIngest.read(spark, files,
                        new TextColumns("review", "score", ""), true, "UTF-8");
                yield new long[]{r.count(), r.quarantinedCount()};
            }
            case SERIES -> {
                SeriesIngest.Result r = SeriesIngest.read(spark, files, new SeriesIngest.Settings(
                        new SeriesColumns("time", List.of("value"), List.of("value"), ""), SeriesFormat.AUTO,
                        MissingValues.FAIL, true), 2);
                yield new long[]{r.rows(), r.quarantinedCount()};
            }
        };
        if (keptAndQuarantined[0] >= 0 && file.toString().contains(".csv")) {
            assertEquals(records(file), keptAndQuarantined[0] + keptAndQuarantined[1], file + ": records lost");
        }
        return keptAndQuarantined[1];
    }

    /** The data records of a CSV file, the header excepted. */
    private static long records(Path file) {
        try (var in = new java.io.BufferedReader(new java.io.InputStreamReader(file.toString().endsWith(".gz")
                ? new java.util.zip.GZIPInputStream(Files.newInputStream(file)) : Files.newInputStream(file),
                StandardCharsets.UTF_8))) {
            CsvRecords records = new CsvRecords(in::readLine);
            records.header();
            long n = 0;
            while (records.next() != null) {
                n++;
            }
            return n;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs one case and counts its outcome; anything but a named error or a counted result is a failure. */
    private void attempt(String name, Path file, Function<Path, Long> read) {
        OUTCOMES.merge("cases", 1, Integer::sum);
        try {
            long quarantined = read.apply(file);
            OUTCOMES.merge(quarantined > 0 ? "quarantines" : "clean", 1, Integer::sum);
        } catch (AssertionError lost) {
            OUTCOMES.merge("failures", 1, Integer::sum);
            FAILURES.add(name + ": " + lost.getMessage());
        } catch (Exception e) {
            // Spark's Java API throws its checked SparkException unchecked
            InputException named = inputCause(e);
            if (named != null && named.getMessage().contains(file.getFileName().toString())) {
                OUTCOMES.merge("named errors", 1, Integer::sum);
            } else {
                OUTCOMES.merge("failures", 1, Integer::sum);
                FAILURES.add(name + ": " + (named != null ? "an error that does not name the file: "
                        + named.getMessage() : e));
            }
        }
    }

    private static InputException inputCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InputException input) {
                return input;
            }
        }
        return null;
    }

    @Test
    void everyReaderEndsEveryBrokenInputInANamedErrorOrCountedQuarantine() throws IOException {
        Random random = new Random(SEED);
        for (Reader reader : Reader.values()) {
            String extension = reader == Reader.TEXT ? ".txt" : ".csv";
            for (Map.Entry<String, byte[]> c : cases(reader, random).entrySet()) {
                String name = reader.name().toLowerCase() + "-" + c.getKey();
                Path file = tmp.resolve(c.getKey().endsWith(".gz")
                        ? name.replace(".gz", "") + extension + ".gz" : name + extension);
                Files.write(file, c.getValue());
                attempt(name, file, f -> read(reader, f));
            }
        }
        assertEquals(List.of(), FAILURES);
    }

    @Test
    void parquetWithWrongTypesOrNoRowsIsNamedOrQuarantined() {
        StructType texts = new StructType().add("review", DataTypes.IntegerType).add("score", DataTypes.StringType);
        StructType series = new StructType().add("time", DataTypes.StringType).add("value", DataTypes.StringType);
        Map<String, Dataset<Row>> cases = new LinkedHashMap<>();
        cases.put("labelled-int-text", spark.createDataFrame(List.of(RowFactory.create(1, "good"),
                RowFactory.create(null, "other")), texts));
        cases.put("labelled-empty", spark.createDataFrame(List.of(), texts).repartition(3));
        cases.put("series-text-values", spark.createDataFrame(List.of(RowFactory.create("1", "1.5"),
                RowFactory.create("x", "NaN"), RowFactory.create("3", "Infinity")), series));
        cases.put("series-empty-partitions", spark.createDataFrame(List.of(RowFactory.create("1", "2")), series)
                .repartition(4));
        for (Map.Entry<String, Dataset<Row>> c : cases.entrySet()) {
            Path dir = tmp.resolve(c.getKey() + ".parquet");
            c.getValue().write().parquet(dir.toString());
            Reader reader = c.getKey().startsWith("labelled") ? Reader.LABELLED : Reader.SERIES;
            attempt(c.getKey(), dir, f -> read(reader, f));
        }
        assertEquals(List.of(), FAILURES);
    }

    @AfterAll
    static void printCounts() {
        System.out.println("input fuzz (seed " + SEED + "): " + OUTCOMES);
        assertTrue(OUTCOMES.get("cases") > 0);
        assertEquals(0, OUTCOMES.get("failures"), FAILURES.toString());
    }
}

package org.sparklstm.pipeline.registry;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.sparklstm.pipeline.ingest.InputException;

/**
 * A model registry on any Hadoop FileSystem: the Parquet table {@code <root>/registry} (one row per version,
 * {@link #SCHEMA}) and the versions' run directories {@code <root>/models/<version>} (model bundle in
 * {@code model/}). The table is rewritten whole for each decision into {@code .registry-next} and swapped in
 * by renames, after the version's model is in place: a crash leaves the old table (restored from
 * {@code .registry-previous} if it struck between the renames), never a half-written one nor a row whose
 * model is missing. One {@code retrain} at a time per registry: {@link #lock} guards it.
 */
public final class ModelRegistry {

    public static final String TABLE = "registry";
    public static final String MODELS = "models";
    private static final String SCRATCH = "_scratch";
    private static final String NEXT = ".registry-next";
    private static final String PREVIOUS = ".registry-previous";
    /** the {@link RegistryLock} file of the retrain deciding the next version */
    public static final String LOCK = "_LOCK";

    public static final StructType SCHEMA = RegistryEntry.TABLE.schema();

    private final Path root;
    private final FileSystem fs;

    private ModelRegistry(Path root, FileSystem fs) {
        this.root = root;
        this.fs = fs;
    }

    /** @throws InputException naming the path when it is a file, or its table is not a directory */
    public static ModelRegistry at(String root, Configuration hadoop) {
        Path p = new Path(root);
        try {
            FileSystem fs = p.getFileSystem(hadoop);
            if (fs.exists(p) && !fs.getFileStatus(p).isDirectory()) {
                throw new InputException("--registry: '" + root + "' is a file, expected a registry directory");
            }
            Path table = new Path(p, TABLE);
            if (fs.exists(table) && !fs.getFileStatus(table).isDirectory()) {
                throw new InputException("--registry: '" + table + "' is a file, expected the registry's Parquet "
                        + "table (a directory)");
            }
            // model_path is written qualified, so the registry reads the same from any working directory
            return new ModelRegistry(fs.makeQualified(p), fs);
        } catch (IOException e) {
            throw new InputException("--registry: cannot use '" + root + "': " + e.getMessage(), e);
        }
    }

    public String table() {
        return new Path(root, TABLE).toString();
    }

    /** Where a version's run directory (its model bundle in {@code model/}) goes. */
    public String versionDirectory(String version) {
        return new Path(new Path(root, MODELS), version).toString();
    }

    /** Working data a retrain of {@code version} needs only while it runs; see {@link #removeScratch}. */
    public String scratch(String version) {
        return new Path(new Path(root, SCRATCH), version).toString();
    }

    public void removeScratch(String version) throws IOException {
        fs.delete(new Path(scratch(version)), true);
    }

    /**
     * Takes the registry's lock for {@code me} (creating the registry's folder if it is new); close it when the
     * decision is recorded or has failed.
     */
    public RegistryLock lock(LockHolder me, LockPolicy policy, PrintStream out) throws IOException {
        fs.mkdirs(root);
        return RegistryLock.acquire(fs, new Path(root, LOCK), me, policy, out);
    }

    public String lockFile() {
        return new Path(root, LOCK).toString();
    }

    /** The rows in version order; none for a new registry. */
    public List<RegistryEntry> read(SparkSession spark) throws IOException {
        Path table = new Path(root, TABLE);
        Path previous = new Path(root, PREVIOUS);
        if (!fs.exists(table) && fs.exists(previous) && !fs.rename(previous, table)) {
            throw new IOException("could not restore " + previous + " to " + table);
        }
        if (!fs.exists(table)) {
            return List.of();
        }
        List<Row> rows;
        try {
            var frame = spark.read().parquet(table.toString());
            checkSchema(frame.schema(), table);
            rows = frame.collectAsList();
        } catch (InputException e) {
            throw e;
        } catch (Exception e) {
            throw new InputException("--registry: '" + table + "' is not a readable registry table: "
                    + e.getMessage(), e);
        }
        List<RegistryEntry> entries = new ArrayList<>();
        for (Row r : rows) {
            entries.add(entry(r, table));
        }
        entries.sort(Comparator.comparingInt(RegistryEntry::number));
        for (int i = 1; i < entries.size(); i++) {
            if (entries.get(i).number() == entries.get(i - 1).number()) {
                throw new InputException("--registry: '" + table + "' holds version "
                        + entries.get(i).modelVersion() + " twice");
            }
        }
        return entries;
    }

    /** The newest promoted version. */
    public static Optional<RegistryEntry> champion(List<RegistryEntry> entries) {
        return entries.stream().filter(RegistryEntry::promoted).max(Comparator.comparingInt(RegistryEntry::number));
    }

    /** The newest data watermark over all rows, promoted or not: data a decision consumed is never used again. */
    public static Optional<Instant> watermark(List<RegistryEntry> entries) {
        return entries.stream().map(RegistryEntry::dataWatermark).max(Comparator.naturalOrder());
    }

    public static String nextVersion(List<RegistryEntry> entries) {
        return Versions.of(entries.stream().mapToInt(RegistryEntry::number).max().orElse(0) + 1);
    }

    /**
     * Records a decision: the old rows and the new one, written beside the table and swapped in. The new
     * version's model must already be in place.
     */
    public void append(SparkSession spark, List<RegistryEntry> old, RegistryEntry added) throws IOException {
        if (old.stream().anyMatch(e -> e.modelVersion().equals(added.modelVersion()))) {
            throw new IllegalStateException("version " + added.modelVersion() + " is already registered");
        }
        if (!fs.exists(new Path(added.modelPath()))) {
            throw new IllegalStateException("the model of " + added.modelVersion() + " is missing: "
                    + added.modelPath());
        }
        List<RegistryEntry> rows = new ArrayList<>(old);
        rows.add(added);
        Path table = new Path(root, TABLE);
        Path next = new Path(root, NEXT);
        Path previous = new Path(root, PREVIOUS);
        fs.delete(next, true);
        RegistryEntry.TABLE.write(spark, rows, next.toString());
        if (fs.exists(table)) {
            fs.delete(previous, true);
            rename(table, previous);
        }
        rename(next, table);
        fs.delete(previous, true);
    }

    private void rename(Path from, Path to) throws IOException {
        if (!fs.rename(from, to)) {
            throw new IOException("could not move " + from + " to " + to);
        }
    }

    private static RegistryEntry entry(Row r, Path table) {
        try {
            RegistryEntry e = RegistryEntry.TABLE.fromRow(r);
            e.number();
            return e;
        } catch (RuntimeException e) {
            throw new InputException("--registry: '" + table + "' has a bad row " + r + ": " + e.getMessage(), e);
        }
    }

    private static void checkSchema(StructType actual, Path table) {
        for (StructField expected : SCHEMA.fields()) {
            Optional<StructField> found = java.util.Arrays.stream(actual.fields())
                    .filter(f -> f.name().equals(expected.name())).findFirst();
            if (found.isEmpty()) {
                throw new InputException("--registry: '" + table + "' is not a registry table: it has no column "
                        + expected.name() + " (columns: " + String.join(", ", actual.fieldNames()) + ")");
            }
            if (!sameType(found.get().dataType(), expected.dataType())) {
                throw new InputException("--registry: '" + table + "' is not a registry table: column "
                        + expected.name() + " is " + found.get().dataType().simpleString() + ", expected "
                        + expected.dataType().simpleString());
            }
        }
    }

    /** Types equal up to the nullability of map values. */
    private static boolean sameType(DataType a, DataType b) {
        if (a instanceof MapType ma && b instanceof MapType mb) {
            return ma.keyType().equals(mb.keyType()) && ma.valueType().equals(mb.valueType());
        }
        return a.equals(b);
    }
}

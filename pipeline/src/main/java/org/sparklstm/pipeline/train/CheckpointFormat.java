package org.sparklstm.pipeline.train;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The files of one checkpoint folder: {@code manifest.json} (format name and version, the position, every number
 * of the state, and the lengths and CRC-32 of the float arrays) and {@code arrays.f32le} (the float arrays, raw
 * little-endian, in the manifest's order). Nothing is deserialized as Java objects: reading parses JSON and floats
 * and builds the checkpoint's own records, so a checkpoint folder that someone else can write to can at worst be
 * refused. The Java-serialized {@code checkpoint.bin} of earlier versions is refused unread.
 */
final class CheckpointFormat {

    static final String MANIFEST = "manifest.json";
    static final String ARRAYS = "arrays.f32le";
    /** What earlier versions wrote, with Java serialization. */
    static final String JAVA_SERIALIZED = "checkpoint.bin";
    static final String FORMAT = "spark-lstm-checkpoint";
    static final int VERSION = 1;
    private static final String ENCODING = "float32-little-endian";
    /** Far above any run's manifest (its numbers only); a bigger file is not one. */
    private static final long MAX_MANIFEST_BYTES = 64L << 20;
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeNulls().create();

    private CheckpointFormat() {
    }

    static void write(Checkpoint checkpoint, FileSystem fs, Path dir) throws IOException {
        List<float[]> arrays = new ArrayList<>();
        JsonObject body = CheckpointJson.write(checkpoint, arrays);
        long crc;
        try (OutputStream out = fs.create(new Path(dir, ARRAYS))) {
            crc = FloatArrayFile.write(arrays, out);
        }
        JsonObject manifest = new JsonObject();
        manifest.addProperty("format", FORMAT);
        manifest.addProperty("version", VERSION);
        JsonObject files = new JsonObject();
        files.addProperty("file", ARRAYS);
        files.addProperty("encoding", ENCODING);
        JsonArray lengths = new JsonArray();
        arrays.forEach(a -> lengths.add(a.length));
        files.add("lengths", lengths);
        files.addProperty("crc32", crc);
        manifest.add("arrays", files);
        body.entrySet().forEach(e -> manifest.add(e.getKey(), e.getValue()));
        try (OutputStream out = fs.create(new Path(dir, MANIFEST))) {
            out.write((GSON.toJson(manifest) + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    /** @throws UnreadableCheckpointException naming the file, when the folder holds no checkpoint this can read */
    static Checkpoint read(FileSystem fs, Path dir) throws IOException {
        Path manifestFile = new Path(dir, MANIFEST);
        if (!fs.exists(manifestFile)) {
            Path old = new Path(dir, JAVA_SERIALIZED);
            if (fs.exists(old)) {
                throw new UnreadableCheckpointException("checkpoint " + old + " is in the older Java-serialized"
                        + " format, which is no longer read (reading it would deserialize whatever objects the file"
                        + " holds); finish the run with the version that wrote it, or train it again from the start"
                        + " with --overwrite");
            }
            throw new UnreadableCheckpointException("checkpoint " + dir + " has no " + MANIFEST);
        }
        JsonObject manifest;
        ArraysHeader header;
        try {
            manifest = parse(fs, manifestFile);
            header = header(manifest);
        } catch (IOException | RuntimeException e) {
            throw unreadable(manifestFile, e);
        }
        Path arraysFile = new Path(dir, ARRAYS);
        List<float[]> arrays;
        try {
            long size = fs.getFileStatus(arraysFile).getLen();
            long expected = FloatArrayFile.bytes(header.lengths());
            if (size != expected) {
                throw new IOException("it has " + size + " bytes, its manifest says " + expected
                        + (size < expected ? " (truncated)" : ""));
            }
            try (InputStream in = fs.open(arraysFile)) {
                arrays = FloatArrayFile.read(in, header.lengths(), header.crc32());
            }
        } catch (IOException | RuntimeException e) {
            throw unreadable(arraysFile, e);
        }
        try {
            return CheckpointJson.read(manifest, arrays);
        } catch (RuntimeException e) {
            throw unreadable(manifestFile, e);
        }
    }

    /** What the manifest says of the array file. */
    private record ArraysHeader(int[] lengths, long crc32) {
    }

    /** Checks the format and version, and reads what the manifest says of the array file. */
    private static ArraysHeader header(JsonObject manifest) {
        String format = ManifestJson.string(manifest, "format");
        int version = ManifestJson.int32(manifest, "version");
        if (!FORMAT.equals(format) || version != VERSION) {
            throw new IllegalArgumentException("it is " + format + " version " + version + "; this version reads "
                    + FORMAT + " version " + VERSION);
        }
        JsonObject files = ManifestJson.object(manifest, "arrays");
        if (!ARRAYS.equals(ManifestJson.string(files, "file"))
                || !ENCODING.equals(ManifestJson.string(files, "encoding"))) {
            throw new IllegalArgumentException("its arrays are not " + ARRAYS + " in " + ENCODING + ": " + files);
        }
        JsonArray lengthsJson = ManifestJson.array(files, "lengths");
        int[] lengths = new int[lengthsJson.size()];
        for (int i = 0; i < lengths.length; i++) {
            lengths[i] = ManifestJson.int32(lengthsJson.get(i), "lengths");
            if (lengths[i] < 0) {
                throw new IllegalArgumentException("array " + i + " has length " + lengths[i]);
            }
        }
        return new ArraysHeader(lengths, ManifestJson.integer(files, "crc32"));
    }

    private static JsonObject parse(FileSystem fs, Path file) throws IOException {
        long size = fs.getFileStatus(file).getLen();
        if (size > MAX_MANIFEST_BYTES) {
            throw new IOException("it has " + size + " bytes, more than a manifest's " + MAX_MANIFEST_BYTES);
        }
        String text;
        try (InputStream in = fs.open(file)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try {
            JsonElement json = JsonParser.parseString(text);
            return ManifestJson.object(json, "manifest");
        } catch (JsonParseException e) {
            throw new IllegalArgumentException("it is not JSON: " + e.getMessage(), e);
        }
    }

    private static UnreadableCheckpointException unreadable(Path file, Exception e) {
        String why = e.getMessage() == null ? e.toString() : e.getMessage();
        return new UnreadableCheckpointException("checkpoint file " + file + " cannot be read: " + why, e);
    }
}

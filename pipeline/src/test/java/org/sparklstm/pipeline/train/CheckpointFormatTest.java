package org.sparklstm.pipeline.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparklstm.models.train.CarriedState;
import org.sparklstm.models.train.FitStatistics;
import org.sparklstm.models.train.NetworkState;
import org.sparklstm.pipeline.classify.ClassifyValidation;
import org.sparklstm.pipeline.forecast.ForecastValidation;
import org.sparklstm.pipeline.lm.LmValidation;

/**
 * The checkpoint format: a JSON manifest and raw little-endian floats that hold all of a checkpoint; the older
 * Java-serialized checkpoints, and damaged files, refused with the file named and nothing deserialized.
 */
class CheckpointFormatTest {

    @TempDir
    Path tmp;

    /** Set when an instance is deserialized: what reading an older checkpoint would do. */
    static volatile boolean tripped;
    /** Set when {@link Untouched} is initialised. */
    static volatile boolean initialised;

    /** Deserializing it runs code, as a gadget chain's first link does. */
    static final class Tripwire implements Serializable {
        private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
            in.defaultReadObject();
            tripped = true;
        }
    }

    /** Initialising it runs code. */
    static final class Untouched {
        static {
            initialised = true;
        }
    }

    /** A checkpoint with every part set, NaN and infinite numbers among them. */
    private static Checkpoint full() {
        NetworkState keptState = new NetworkState(new float[]{0.5f, -0.25f, 3e-8f}, new float[]{1f, 2f, 3f, 4f, 5f, 6f}, 17);
        List<EpochResult> finished = List.of(
                new EpochResult(1, new FitStatistics(5000, 11512.25, 812_000_000L), 12.5, new LmValidation(2.303, 900), 1.25),
                new EpochResult(2, new FitStatistics(5000, 9000.125, 799_000_000L), 11.0,
                        new ForecastValidation(Double.NaN, Double.POSITIVE_INFINITY, 40), 0.5),
                new EpochResult(3, new FitStatistics(4999, 8000.0, 1L), 10.0, new ClassifyValidation(0.7, 0.8125, 64), 0.75),
                EpochResult.unvalidated(4, new FitStatistics(1, Double.NEGATIVE_INFINITY, 0), 0.1));
        TrainingPosition position = new TrainingPosition(5, 7, new FitStatistics(1234, 2345.678, 987_654_321L), 3.25,
                finished, new KeptState(3, 0.7, keptState));
        NetworkState state = new NetworkState(new float[]{1.5f, Float.MIN_VALUE, -0f, Float.MAX_VALUE, 1e-3f},
                new float[]{0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f, 0.7f, 0.8f, 0.9f, 1.0f}, 41);
        Carried carried = new Carried(new float[]{-1f, 2f, -3f, 4f, -5f},
                new CarriedState[]{new CarriedState(2, new float[][]{{1f, 2f, 3f, 4f}, {5f, 6f, 7f, 8f}}), null},
                new NetworkState[]{new NetworkState(new float[0], new float[]{9f, 8f}, 3), null,
                        new NetworkState(new float[0], new float[]{7f, 6f}, 4)},
                new float[]{0.25f, 0.5f, 0.75f, 1f, 1.25f});
        return new Checkpoint(position, state, carried);
    }

    @Test
    void everyPartOfACheckpointComesBackExactly() throws IOException {
        Checkpoints checkpoints = new Checkpoints(tmp.resolve("full").toString(), new Configuration());
        Checkpoint saved = full();
        checkpoints.save(saved);
        Checkpoint read = checkpoints.latest().orElseThrow();

        TrainingPosition p = read.position();
        assertEquals(5, p.epoch());
        assertEquals(7, p.nextRound());
        assertEquals(new FitStatistics(1234, 2345.678, 987_654_321L), p.epochSoFar());
        assertEquals(3.25, p.epochSeconds());
        // the records of the finished epochs, their validations of each task's type included, are equal
        assertEquals(saved.position().finished(), p.finished());
        assertTrue(p.finished().get(1).validation() instanceof ForecastValidation f && Double.isNaN(f.mae())
                && f.rmse() == Double.POSITIVE_INFINITY);
        assertNull(p.finished().get(3).validation());
        assertEquals(3, p.kept().epoch());
        assertEquals(0.7, p.kept().validationLoss());
        assertState(saved.position().kept().state(), p.kept().state());

        assertState(saved.state(), read.state());

        Carried carried = read.carried();
        assertArrayEquals(saved.carried().blockMomentum(), carried.blockMomentum());
        assertArrayEquals(saved.carried().blockStart(), carried.blockStart());
        assertEquals(2, carried.workerRows().length);
        assertEquals(2, carried.workerRows()[0].rows());
        assertArrayEquals(saved.carried().workerRows()[0].arrays(), carried.workerRows()[0].arrays());
        assertNull(carried.workerRows()[1]);
        assertEquals(3, carried.workerAdam().length);
        assertState(saved.carried().workerAdam()[0], carried.workerAdam()[0]);
        assertNull(carried.workerAdam()[1]);
        assertState(saved.carried().workerAdam()[2], carried.workerAdam()[2]);
    }

    @Test
    void aCheckpointWithoutKeptStateOrCarriedPartsKeepsThemAbsent() throws IOException {
        Checkpoints checkpoints = new Checkpoints(tmp.resolve("bare").toString(), new Configuration());
        NetworkState state = new NetworkState(new float[]{1f, 2f}, new float[0], 0);
        checkpoints.save(new Checkpoint(TrainingPosition.start(), state, Carried.NOTHING));
        Checkpoint read = checkpoints.latest().orElseThrow();
        assertEquals(TrainingPosition.start(), read.position());
        assertState(state, read.state());
        assertNull(read.carried().blockMomentum());
        assertNull(read.carried().workerRows());
        assertNull(read.carried().workerAdam());
        assertNull(read.carried().blockStart());
    }

    @Test
    void theFolderHoldsAJsonManifestAndLittleEndianFloats() throws IOException {
        Checkpoints checkpoints = new Checkpoints(tmp.resolve("files").toString(), new Configuration());
        Path dir = Path.of(java.net.URI.create(checkpoints.save(full())));
        assertEquals(List.of("arrays.f32le", "manifest.json"), visible(dir));
        String manifest = Files.readString(dir.resolve("manifest.json"));
        assertTrue(manifest.contains("\"format\": \"spark-lstm-checkpoint\""), manifest);
        assertTrue(manifest.contains("\"version\": 1"), manifest);
        assertTrue(manifest.contains("\"type\": \"org.sparklstm.pipeline.lm.LmValidation\""), manifest);
        assertTrue(manifest.contains("\"mae\": \"NaN\""), manifest);
        // the first arrays are the kept state's parameters: 3 floats, little-endian, first of all
        ByteBuffer floats = ByteBuffer.wrap(Files.readAllBytes(dir.resolve("arrays.f32le"))).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0.5f, floats.getFloat(0));
        assertEquals(-0.25f, floats.getFloat(4));
        int total = 3 + 6 + 5 + 10 + 5 + 4 + 4 + 2 + 2 + 5;
        assertEquals(total * Float.BYTES, floats.capacity());
    }

    @Test
    void anOlderJavaSerializedCheckpointIsRefusedUnread() throws Exception {
        Path dir = tmp.resolve("old/epoch-0002-round-000000");
        Files.createDirectories(dir);
        Path file = dir.resolve("checkpoint.bin");
        try (ObjectOutputStream out = new ObjectOutputStream(Files.newOutputStream(file))) {
            out.writeObject(new Tripwire());
        }
        Checkpoints checkpoints = new Checkpoints(tmp.resolve("old").toString(), new Configuration());
        tripped = false;
        UnreadableCheckpointException e = assertThrows(UnreadableCheckpointException.class, checkpoints::latest);
        assertEquals("checkpoint " + file.toUri().toString().replace("file:///", "file:/") + " is in the older"
                + " Java-serialized format, which is no longer read (reading it would deserialize whatever objects"
                + " the file holds); finish the run with the version that wrote it, or train it again from the start"
                + " with --overwrite", e.getMessage());
        assertFalse(tripped, "the file was deserialized");
        // the file does trip when it is deserialized
        try (ObjectInputStream in = new ObjectInputStream(Files.newInputStream(file))) {
            in.readObject();
        }
        assertTrue(tripped);
    }

    @Test
    void aTruncatedArrayFileIsAnErrorNamingIt() throws IOException {
        Path dir = saved("truncated");
        Path arrays = dir.resolve("arrays.f32le");
        byte[] bytes = Files.readAllBytes(arrays);
        rewrite(arrays, Arrays.copyOf(bytes, bytes.length - 6));
        assertEquals("checkpoint file " + uri(arrays) + " cannot be read: it has " + (bytes.length - 6)
                + " bytes, its manifest says " + bytes.length + " (truncated)", unreadable(dir));
    }

    @Test
    void aChangedFloatIsCaughtByTheChecksum() throws IOException {
        Path dir = saved("flipped");
        Path arrays = dir.resolve("arrays.f32le");
        byte[] bytes = Files.readAllBytes(arrays);
        bytes[17] ^= 0x40;
        rewrite(arrays, bytes);
        String message = unreadable(dir);
        assertTrue(message.startsWith("checkpoint file " + uri(arrays) + " cannot be read: its CRC-32 is "), message);
    }

    @Test
    void aTruncatedOrWrongManifestIsAnErrorNamingItAndWhatIsWrong() throws IOException {
        Path dir = saved("manifest");
        Path manifest = dir.resolve("manifest.json");
        String json = Files.readString(manifest);
        String prefix = "checkpoint file " + uri(manifest) + " cannot be read: ";

        rewrite(manifest, json.substring(0, json.length() / 2).getBytes());
        String message = unreadable(dir);
        assertTrue(message.startsWith(prefix + "it is not JSON: "), message);

        rewrite(manifest, json.replace("\"version\": 1", "\"version\": 2").getBytes());
        assertEquals(prefix + "it is spark-lstm-checkpoint version 2; this version reads spark-lstm-checkpoint"
                + " version 1", unreadable(dir));

        rewrite(manifest, json.replace("\"next_round\"", "\"round\"").getBytes());
        assertEquals(prefix + "\"next_round\" is missing", unreadable(dir));

        rewrite(manifest, json.replace("\"crc32\"", "\"crc\"").getBytes());
        assertEquals(prefix + "\"crc32\" is missing", unreadable(dir));
    }

    @Test
    void aManifestNamingAnotherTypeAsAValidationBuildsNothing() throws IOException {
        Path dir = saved("types");
        Path manifest = dir.resolve("manifest.json");
        String json = Files.readString(manifest);
        String prefix = "checkpoint file " + uri(manifest) + " cannot be read: ";
        initialised = false;

        rewrite(manifest, json.replace("org.sparklstm.pipeline.lm.LmValidation", Untouched.class.getName()).getBytes());
        assertEquals(prefix + Untouched.class.getName() + " is not a validation record", unreadable(dir));
        assertFalse(initialised, "the named class was initialised");

        rewrite(manifest, json.replace("org.sparklstm.pipeline.lm.LmValidation", "java.util.HashMap").getBytes());
        assertEquals(prefix + "java.util.HashMap is not a validation record", unreadable(dir));

        rewrite(manifest, json.replace("org.sparklstm.pipeline.lm.LmValidation", "org.example.Gadget").getBytes());
        assertEquals(prefix + "validation type org.example.Gadget does not exist", unreadable(dir));
    }

    private Path saved(String name) throws IOException {
        Checkpoints checkpoints = new Checkpoints(tmp.resolve(name).toString(), new Configuration());
        return Path.of(java.net.URI.create(checkpoints.save(full())));
    }

    /** The message of reading the checkpoint in {@code dir}, which must fail. */
    private static String unreadable(Path dir) throws IOException {
        Checkpoints checkpoints = new Checkpoints(dir.getParent().toString(), new Configuration());
        return assertThrows(UnreadableCheckpointException.class, checkpoints::latest).getMessage();
    }

    /** Replaces a file as someone with write access would, its local checksum file with it. */
    private static void rewrite(Path file, byte[] bytes) throws IOException {
        Files.write(file, bytes);
        Files.deleteIfExists(file.resolveSibling("." + file.getFileName() + ".crc"));
    }

    private static String uri(Path file) {
        return file.toUri().toString().replace("file:///", "file:/");
    }

    private static void assertState(NetworkState expected, NetworkState actual) {
        assertArrayEquals(expected.parameters(), actual.parameters());
        assertArrayEquals(expected.updaterState(), actual.updaterState());
        assertEquals(expected.iterations(), actual.iterations());
    }

    private static List<String> visible(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList();
        }
    }
}

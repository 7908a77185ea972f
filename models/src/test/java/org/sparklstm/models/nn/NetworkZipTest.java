package org.sparklstm.models.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparklstm.models.lm.LanguageModelSpec;
import org.sparklstm.models.lm.NetworkFactory;

/** A bundle's network.zip loads as written, and one with an entry DL4J would deserialize is refused unread. */
class NetworkZipTest {

    @TempDir
    java.nio.file.Path tmp;

    /** Set when an instance is deserialized. */
    static volatile boolean tripped;

    /** Deserializing it runs code, as a gadget chain's first link does. */
    static final class Tripwire implements Serializable {
        private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
            in.defaultReadObject();
            tripped = true;
        }
    }

    @Test
    void aNetworkLoadsAsWrittenAndAZipWithAJavaSerializedEntryIsRefusedUnread() throws Exception {
        FileSystem fs = FileSystem.getLocal(new Configuration());
        Path dir = new Path(tmp.toUri());
        MultiLayerNetwork net = NetworkFactory.create(new LanguageModelSpec(20, 8, 1, 16, 0.0, 0.01, 1.0, 10, 3));
        BundleFiles.writeNetwork(fs, dir, net);
        MultiLayerNetwork loaded = BundleFiles.readNetwork(fs, dir);
        assertArrayEquals(net.params().data().asFloat(), loaded.params().data().asFloat());
        assertArrayEquals(net.getUpdater().getStateViewArray().data().asFloat(),
                loaded.getUpdater().getStateViewArray().data().asFloat());

        // the same zip with a preprocessor.bin, which ModelSerializer reads with ObjectInputStream
        java.nio.file.Path zip = tmp.resolve(BundleFiles.NETWORK);
        byte[] tampered = withEntry(Files.readAllBytes(zip), "preprocessor.bin", serialized(new Tripwire()));
        Files.write(zip, tampered);
        Files.deleteIfExists(tmp.resolve("." + BundleFiles.NETWORK + ".crc"));
        tripped = false;
        IOException e = assertThrows(IOException.class, () -> BundleFiles.readNetwork(fs, dir));
        assertEquals("model bundle file " + new Path(dir, BundleFiles.NETWORK) + " holds \"preprocessor.bin\", which"
                + " is not part of a network (coefficients.bin, configuration.json, noParams.marker, updaterState.bin):"
                + " refused unread", e.getMessage());
        assertFalse(tripped, "the entry was deserialized");

        // DL4J alone deserializes it
        try (InputStream in = Files.newInputStream(zip)) {
            ModelSerializer.restoreMultiLayerNetwork(in, true);
        } catch (RuntimeException ignored) {
            // it is no preprocessor; what matters is that it was deserialized
        }
        assertTrue(tripped);
    }

    private static byte[] serialized(Object o) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        return bytes.toByteArray();
    }

    private static byte[] withEntry(byte[] zip, String name, byte[] content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new java.io.ByteArrayInputStream(zip));
             ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                out.putNextEntry(new ZipEntry(entry.getName()));
                in.transferTo(out);
                out.closeEntry();
            }
            out.putNextEntry(new ZipEntry(name));
            out.write(content);
            out.closeEntry();
        }
        return bytes.toByteArray();
    }
}

package org.sparklstm.models.nn;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;

/**
 * A bundle's {@code network.zip} read as DL4J's {@link ModelSerializer} reads it, but only with the entries of a
 * network: its JSON configuration, its parameters and updater state (ND4J's own binary arrays). DL4J would read a
 * {@code preprocessor.bin} entry with Java deserialization, so a zip with any other entry is refused, naming the
 * file; what DL4J gets is a copy holding only the known entries, read from the same single pass.
 */
final class NetworkZip {

    /** What {@link ModelSerializer#writeModel} writes for a network with its updater. */
    static final Set<String> ENTRIES = Set.of("configuration.json", "coefficients.bin", "updaterState.bin",
            "noParams.marker");

    private NetworkZip() {
    }

    /** @param file the zip's path, for errors */
    static MultiLayerNetwork read(InputStream in, String file) throws IOException {
        java.nio.file.Path copy = Files.createTempFile("spark-lstm-network", ".zip");
        try {
            try (ZipInputStream zip = new ZipInputStream(in);
                 ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(copy))) {
                Set<String> seen = new HashSet<>();
                for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                    String name = entry.getName();
                    if (!ENTRIES.contains(name)) {
                        throw new IOException("model bundle file " + file + " holds \"" + name + "\", which is not"
                                + " part of a network (" + String.join(", ", ENTRIES.stream().sorted().toList())
                                + "): refused unread");
                    }
                    if (!seen.add(name)) {
                        throw new IOException("model bundle file " + file + " holds \"" + name + "\" twice");
                    }
                    out.putNextEntry(new ZipEntry(name));
                    zip.transferTo(out);
                    out.closeEntry();
                }
            }
            try (InputStream network = Files.newInputStream(copy)) {
                return ModelSerializer.restoreMultiLayerNetwork(network, true);
            }
        } finally {
            Files.deleteIfExists(copy);
        }
    }
}

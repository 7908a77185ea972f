package org.sparklstm.models.nn;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.sparklstm.models.output.TiedWeights;

/** Reading and writing the files of a model bundle directory on any Hadoop FileSystem. */
public final class BundleFiles {

    public static final String NETWORK = "network.zip";

    private BundleFiles() {
    }

    public static void writeNetwork(FileSystem fs, Path dir, MultiLayerNetwork network) throws IOException {
        try (OutputStream out = fs.create(new Path(dir, NETWORK), true)) {
            ModelSerializer.writeModel(network, out, true);
        }
    }

    /** Reads the network without Java deserialization: see {@link NetworkZip}. */
    public static MultiLayerNetwork readNetwork(FileSystem fs, Path dir) throws IOException {
        Path file = new Path(dir, NETWORK);
        try (InputStream in = fs.open(file)) {
            return TiedWeights.tie(NetworkZip.read(in, file.toString()));
        }
    }

    public static void write(FileSystem fs, Path path, String text) throws IOException {
        try (OutputStream out = fs.create(path, true)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    public static String read(FileSystem fs, Path path) throws IOException {
        try (InputStream in = fs.open(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Fails with the missing file's path unless {@code dir} holds all of {@code names}. */
    public static void requireAll(FileSystem fs, Path dir, List<String> names) throws IOException {
        for (String name : names) {
            if (!fs.exists(new Path(dir, name))) {
                throw new IOException("not a model bundle: " + new Path(dir, name) + " is missing");
            }
        }
    }
}

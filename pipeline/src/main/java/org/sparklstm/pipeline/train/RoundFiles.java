package org.sparklstm.pipeline.train;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.util.function.BiFunction;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.util.SerializableConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.sparklstm.models.nn.NativeArrays;
import org.sparklstm.models.train.NetworkState;

/**
 * Where a parameter-averaging round's states travel: one file per state under a directory that the driver and every
 * executor reach (the run's scratch directory, on the shared file system of a cluster). The floats stream between the
 * file and ND4J's memory, or the driver's sums, a piece of {@value #PIECE} values at a time, so no heap holds a whole
 * worker state: as a Spark task result it would be held four times on its executor (the capture, the serialized
 * value, the serialized result and its contiguous copy) and twice more on the driver, twice the parameters and Adam
 * moments per worker at the end of every round. A file holds the parameter count, the updater-state count, the
 * iteration count and then the floats.
 */
public final class RoundFiles implements Serializable {

    /** Floats per piece: 1 MB. */
    static final int PIECE = 1 << 18;

    private final String directory;
    private final SerializableConfiguration hadoop;

    /** @param directory qualified here, on the driver: a relative path would mean another place on each executor */
    public RoundFiles(String directory, Configuration hadoop) {
        try {
            Path path = new Path(directory);
            this.directory = path.getFileSystem(hadoop).makeQualified(path).toString();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach the round files' directory " + directory, e);
        }
        this.hadoop = new SerializableConfiguration(hadoop);
    }

    /** A fresh local directory: for local masters, where the driver and the executors share one machine. */
    public static RoundFiles local() {
        try {
            java.nio.file.Path directory = Files.createTempDirectory("spark-lstm-rounds");
            // every round deletes its files: the directory is empty when the JVM exits
            directory.toFile().deleteOnExit();
            return new RoundFiles(directory.toUri().toString(), new Configuration());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The state every worker starts a round from. */
    Path start(int epoch, int round) {
        return new Path(directory, "e" + epoch + "-r" + round + "-start");
    }

    /** Where worker {@code worker} leaves its state after a round. */
    Path trained(int epoch, int round, int worker) {
        return new Path(directory, "e" + epoch + "-r" + round + "-worker-" + worker);
    }

    /** Writes a driver-side state. */
    void write(Path file, NetworkState state) {
        try (DataOutputStream out = new DataOutputStream(fs(file).create(file, true))) {
            out.writeInt(state.parameters().length);
            out.writeInt(state.updaterState().length);
            out.writeInt(state.iterations());
            writeFloats(out, state.parameters());
            writeFloats(out, state.updaterState());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the round state " + file, e);
        }
    }

    /** Writes a network's parameters, and its updater state when {@code withUpdater}, from ND4J's memory. */
    void write(Path file, MultiLayerNetwork net, boolean withUpdater) {
        INDArray params = net.params();
        INDArray updater = withUpdater ? net.getUpdater().getStateViewArray() : null;
        try (DataOutputStream out = new DataOutputStream(fs(file).create(file, true))) {
            out.writeInt((int) params.length());
            out.writeInt(updater == null ? 0 : (int) updater.length());
            out.writeInt(net.getLayerWiseConfigurations().getIterationCount());
            writeFloats(out, params);
            if (updater != null) {
                writeFloats(out, updater);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the round state " + file, e);
        }
    }

    /**
     * Loads a state file into a network: its parameters, its iteration count, and its updater state if the file has
     * one (the network's own is left as it is otherwise).
     */
    void readInto(Path file, MultiLayerNetwork net) {
        try (DataInputStream in = new DataInputStream(fs(file).open(file))) {
            int parameters = in.readInt();
            int updaterLength = in.readInt();
            int iterations = in.readInt();
            INDArray params = net.params();
            if (params.length() != parameters) {
                throw new IllegalStateException("network has " + params.length() + " parameters, " + file + " has "
                        + parameters);
            }
            readFloats(in, params);
            if (updaterLength > 0) {
                readFloats(in, net.getUpdater().getStateViewArray());
            }
            net.getLayerWiseConfigurations().setIterationCount(iterations);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the round state " + file, e);
        }
    }

    /**
     * Adds a state file's floats into the sums that {@code sumsFor} gives for its parameter and updater-state counts
     * ({@code {parameters, updater}}); returns its iteration count. One pass over the file.
     */
    int addTo(Path file, BiFunction<Integer, Integer, float[][]> sumsFor) {
        try (DataInputStream in = new DataInputStream(fs(file).open(file))) {
            int p = in.readInt();
            int u = in.readInt();
            int iterations = in.readInt();
            float[][] sums = sumsFor.apply(p, u);
            addFloats(in, sums[0]);
            addFloats(in, sums[1]);
            return iterations;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the round state " + file, e);
        }
    }

    void delete(Path file) {
        try {
            fs(file).delete(file, false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the round state " + file, e);
        }
    }

    private FileSystem fs(Path file) throws IOException {
        return file.getFileSystem(hadoop.value());
    }

    private static void writeFloats(DataOutputStream out, float[] values) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(4 * Math.min(PIECE, Math.max(1, values.length)));
        for (int from = 0; from < values.length; from += PIECE) {
            int n = Math.min(PIECE, values.length - from);
            bytes.clear();
            bytes.asFloatBuffer().put(values, from, n);
            out.write(bytes.array(), 0, 4 * n);
        }
    }

    private static void writeFloats(DataOutputStream out, INDArray vector) throws IOException {
        for (long from = 0; from < vector.length(); from += PIECE) {
            writeFloats(out, piece(vector, from, Math.min(vector.length(), from + PIECE)).toFloatVector());
        }
    }

    private static void readFloats(DataInputStream in, INDArray vector) throws IOException {
        byte[] bytes = new byte[4 * (int) Math.min(PIECE, Math.max(1, vector.length()))];
        for (long from = 0; from < vector.length(); from += PIECE) {
            int n = (int) Math.min(PIECE, vector.length() - from);
            in.readFully(bytes, 0, 4 * n);
            float[] values = new float[n];
            ByteBuffer.wrap(bytes, 0, 4 * n).asFloatBuffer().get(values);
            INDArray target = piece(vector, from, from + n);
            INDArray source = Nd4j.createFromArray(values);
            target.assign(source.reshape(target.shape()));
            NativeArrays.release(source);
        }
    }

    /** Elements {@code [from, to)} of a vector or a row vector {@code [1, n]}, as a view into it. */
    private static INDArray piece(INDArray vector, long from, long to) {
        return vector.rank() == 1 ? vector.get(NDArrayIndex.interval(from, to))
                : vector.get(NDArrayIndex.point(0), NDArrayIndex.interval(from, to));
    }

    private static void addFloats(DataInputStream in, float[] sums) throws IOException {
        byte[] bytes = new byte[4 * Math.min(PIECE, Math.max(1, sums.length))];
        for (int from = 0; from < sums.length; from += PIECE) {
            int n = Math.min(PIECE, sums.length - from);
            in.readFully(bytes, 0, 4 * n);
            ByteBuffer piece = ByteBuffer.wrap(bytes, 0, 4 * n);
            for (int i = 0; i < n; i++) {
                sums[from + i] += piece.getFloat();
            }
        }
    }
}

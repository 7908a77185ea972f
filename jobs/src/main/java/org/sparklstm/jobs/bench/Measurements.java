package org.sparklstm.jobs.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sparklstm.models.lm.SequenceBlock;
import org.sparklstm.models.lm.WindowSource;

/** What a benchmark process measures besides training: the BLAS's peak, its own memory, medians. */
final class Measurements {

    private Measurements() {
    }

    /** Single-precision matrix multiply throughput of ND4J's BLAS, for the share-of-peak figure. */
    static void sgemm(Map<String, Object> result) {
        result.put("gflops_large", gflops(2048, 2048, 2048, 10));
        result.put("gflops_lstm_shaped", gflops(64, 320, 1024, 400));
    }

    private static double gflops(int m, int k, int n, int repeats) {
        INDArray a = Nd4j.rand(DataType.FLOAT, m, k);
        INDArray b = Nd4j.rand(DataType.FLOAT, k, n);
        INDArray c = Nd4j.create(DataType.FLOAT, m, n);
        double[] rates = new double[7];
        for (int trial = -2; trial < rates.length; trial++) {
            long start = System.nanoTime();
            for (int i = 0; i < repeats; i++) {
                a.mmuli(b, c);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            if (trial >= 0) {
                rates[trial] = 2.0 * m * k * n * repeats / seconds / 1e9;
            }
        }
        Arrays.sort(rates);
        return median(rates);
    }

    /** The workers' windows, each worker's packed in memory (the benchmarks time fitting, not reading). */
    static List<SequenceBlock> inMemory(List<WindowSource> sources) {
        return sources.stream().map(s -> s.read(0, s.size())).toList();
    }

    static SequenceBlock firstWindows(List<SequenceBlock> blocks, int count) {
        List<int[]> windows = new ArrayList<>();
        for (SequenceBlock b : blocks) {
            for (int i = 0; i < b.size() && windows.size() < count; i++) {
                windows.add(b.window(i));
            }
        }
        return SequenceBlock.of(blocks.get(0).windowLength(), windows);
    }

    static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    static double peakRssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Double.parseDouble(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }
}

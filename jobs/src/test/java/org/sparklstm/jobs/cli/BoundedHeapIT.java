package org.sparklstm.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sequence.store = disk}: a driver with a 256 MB heap ({@code local[2]}, so the workers share it) trains one
 * epoch of a tiny character model on Austen repeated 1, 2 and 4 times, and the heap it holds when training ends
 * stays flat. The same 4x run with {@code sequence.store = memory} holds the windows on the heap, which the same
 * measure sees: it can tell a flat heap from a growing one.
 */
class BoundedHeapIT {

    private static final Pattern HEAP = Pattern.compile("driver heap: ([0-9,]+) MB live after training, peak after a "
            + "collection ([0-9,]+) MB");
    /** Characters of Austen in the 1x corpus. */
    private static final int SLICE = 1_000_000;

    @TempDir
    static Path tmp;

    /** The heap in MB: live when training ended, and the peak after a collection over the run. */
    record Heap(int training, int peak) {
    }

    @Test
    void theHeapHeldForTrainingDoesNotGrowWithTheCorpusWhenTheWindowsAreOnDisk() throws Exception {
        byte[] slice = austen(SLICE);
        Heap x1 = train(corpus(slice, 1), "disk", "disk-x1");
        Heap x2 = train(corpus(slice, 2), "disk", "disk-x2");
        Heap x4 = train(corpus(slice, 4), "disk", "disk-x4");
        Heap inMemory = train(corpus(slice, 4), "memory", "memory-x4");
        String seen = "disk 1x " + x1 + ", 2x " + x2 + ", 4x " + x4 + "; memory 4x " + inMemory;
        System.out.println("driver heap, MB: " + seen);
        // 4x holds 3M more tokens than 1x: 12 MB of windows, were they on the heap; less than half of that is the
        // noise of a live heap measured on a busy machine (Spark's queues and caches)
        assertTrue(x2.training() <= x1.training() + 6, seen);
        assertTrue(x4.training() <= x1.training() + 6, seen);
        assertTrue(inMemory.training() >= x4.training() + 10, seen);
    }

    /** The first {@code n} bytes of the Austen sample (ASCII text, so as many characters). */
    private static byte[] austen(int n) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(Path.of("../data-samples/austen.txt.gz")))) {
            byte[] bytes = in.readNBytes(n);
            assertEquals(n, bytes.length);
            return bytes;
        }
    }

    private static Path corpus(byte[] slice, int times) throws IOException {
        Path file = tmp.resolve("austen-x" + times + ".txt");
        if (!Files.exists(file)) {
            try (OutputStream out = Files.newOutputStream(file)) {
                for (int i = 0; i < times; i++) {
                    out.write(slice);
                }
            }
        }
        return file;
    }

    private static Heap train(Path corpus, String store, String name) throws Exception {
        Path output = tmp.resolve(name);
        Path log = tmp.resolve(name + ".out");
        List<String> args = new ArrayList<>(List.of("train", "--config", "../conf/quickstart.conf"));
        for (String set : List.of("input.path=" + corpus, "output.path=" + output, "spark.master=local[2]",
                "train.workers=2", "sequence.length=100", "sequence.stride=100", "sequence.validation-fraction=0.02",
                "sequence.store=" + store, "model.embedding=4", "model.hidden=8", "train.epochs=1",
                "train.batch-size=256", "train.averaging-frequency=20", "generate.length=10")) {
            args.add("--set");
            args.add(set);
        }
        // Spark refuses heaps under 450 MB unless its reserved share is set explicitly
        Process p = ChildJvm.start(List.of("-Xmx256m", "-Dspark.testing.reservedMemory=0"), log, args);
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            fail(name + " did not finish in 5 minutes:\n" + Files.readString(log));
        }
        String console = Files.readString(log);
        assertEquals(0, p.exitValue(), console);
        assertTrue(Files.exists(output.resolve("_SUCCESS")), console);
        assertFalse(Files.exists(output.resolve("_scratch")), "the window files are removed with the run");
        Matcher m = HEAP.matcher(console);
        assertTrue(m.find(), console);
        return new Heap(Integer.parseInt(m.group(1).replace(",", "")), Integer.parseInt(m.group(2).replace(",", "")));
    }
}

package org.sparklstm.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code predict} streams its rows: a driver with a heap of {@value #HEAP_MB} MB ({@code local[2]}, so the executors
 * share it) predicts 20,000 and then 200,000 reviews (the test set repeated). The larger input is 86 MB of CSV, more
 * than the heap has to spare beside Spark itself, so it can only pass if neither the rows, the predictions nor the
 * metrics' inputs are held on the driver. Each run's heap peak after a collection is printed beside its row count.
 */
class PredictScaleIT {

    static final int HEAP_MB = 128;
    private static final Pattern HEAP = Pattern.compile("driver heap: peak after a collection ([0-9,]+) MB");
    private static final Pattern COUNT = Pattern.compile("([0-9,]+) predictions, 0 quarantined rows");

    @TempDir
    static Path tmp;

    @Test
    void predicting200kRowsFitsAHeapTooSmallToHoldThem() throws Exception {
        String model = tmp.resolve("model-run").toString();
        CliRuns.train(List.of("task=classify", "input.path=" + CliRuns.reviews(tmp, 400), "output.path=" + model,
                "classify.text-column=review", "classify.label-column=score", "classify.max-length=40",
                "classify.validation-fraction=0", "tokenizer.type=word", "tokenizer.lowercase=true",
                "tokenizer.min-count=3", "model.embedding=8", "model.layers=1", "model.hidden=8", "train.epochs=1",
                "spark.master=local[2]"));
        int small = predict(model, reviews(20), "x20");
        int large = predict(model, reviews(200), "x200");
        System.out.println("driver heap " + HEAP_MB + " MB, peak after a collection: 20,000 rows " + small
                + " MB, 200,000 rows " + large + " MB");
    }

    /** The 1,000 test reviews {@code times} times over, under one header. */
    private static Path reviews(int times) throws IOException {
        List<String> lines = Files.readAllLines(Path.of("../data-samples/fine_foods_test.csv"));
        Path file = tmp.resolve("reviews-x" + times + ".csv");
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            out.write(lines.get(0));
            out.newLine();
            for (int t = 0; t < times; t++) {
                for (String line : lines.subList(1, lines.size())) {
                    out.write(line);
                    out.newLine();
                }
            }
        }
        return file;
    }

    private static int predict(String run, Path input, String name) throws Exception {
        Path log = tmp.resolve(name + ".out");
        List<String> args = new ArrayList<>(List.of("predict"));
        for (String set : List.of("task=classify", "input.path=" + input, "classify.text-column=review",
                "classify.label-column=score", "predict.model-path=" + run + "/model",
                "predict.output-path=" + tmp.resolve(name), "spark.master=local[2]")) {
            args.add("--set");
            args.add(set);
        }
        Process p = ChildJvm.start(List.of("-Xmx" + HEAP_MB + "m", "-Dspark.testing.reservedMemory=0"), log, args);
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            fail(name + " did not finish in 10 minutes:\n" + Files.readString(log));
        }
        String console = Files.readString(log);
        assertEquals(0, p.exitValue(), console);
        Matcher count = COUNT.matcher(console);
        assertTrue(count.find(), console);
        assertEquals(Files.readAllLines(input).size() - 1, Integer.parseInt(count.group(1).replace(",", "")));
        Matcher heap = HEAP.matcher(console);
        assertTrue(heap.find(), console);
        return Integer.parseInt(heap.group(1).replace(",", ""));
    }
}

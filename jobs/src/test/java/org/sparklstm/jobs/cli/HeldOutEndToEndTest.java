package org.sparklstm.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparklstm.jobs.config.ConfigLoader;
import org.sparklstm.models.lm.ModelBundle;
import org.sparklstm.models.text.TextEncoding;
import org.sparklstm.models.text.Vocabulary;
import org.sparklstm.pipeline.evaluate.LossSummary;

/**
 * {@code train} on local[2] with held-out validation and test files cut from Persuasion: the whole training
 * file trains, validation is the validation file, and the kept model's test scores reach the tables and equal
 * {@code evaluate} of the saved model on the test file.
 */
class HeldOutEndToEndTest {

    private static final int LENGTH = 50;

    @TempDir
    static Path tmp;
    static List<String> novel;
    static Path run;
    static String console;

    static List<String> sets(String input) {
        return List.of("input.path=" + input, "input.validation-path=" + tmp.resolve("held-out/validation.txt"),
                "input.test-path=" + tmp.resolve("held-out/test*.txt"), "output.path=" + run,
                "spark.master=local[2]", "sequence.length=" + LENGTH, "sequence.stride=" + LENGTH,
                "model.embedding=8", "model.layers=1", "model.hidden=32", "train.epochs=2", "train.batch-size=16",
                "train.learning-rate=0.01", "generate.length=10");
    }

    @BeforeAll
    static void train() throws IOException {
        novel = Files.readAllLines(Path.of("../data-samples/austen-persuasion.txt"));
        Files.write(tmp.resolve("train.txt"), novel.subList(0, 1500));
        Path heldOut = Files.createDirectories(tmp.resolve("held-out"));
        Files.write(heldOut.resolve("validation.txt"), novel.subList(1500, 1800));
        Files.write(heldOut.resolve("test.txt"), novel.subList(1800, 2100));
        run = tmp.resolve("run");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        TrainCommand.run(ConfigLoader.load(null, sets(tmp.resolve("train.txt").toString())), false,
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        console = bytes.toString(StandardCharsets.UTF_8);
    }

    @AfterAll
    static void stopReader() {
        ForecastEndToEndTest.stopReader();
    }

    /** Lines of the novel as the run encodes a file of them: {@code <eos>}, then each line's ids. */
    private static int[] stream(TextEncoding encoding, int from, int to) {
        return IntStream.concat(IntStream.of(Vocabulary.EOS_ID),
                novel.subList(from, to).stream().flatMapToInt(l -> Arrays.stream(encoding.encode(l)))).toArray();
    }

    private static long tokens(TextEncoding encoding, int from, int to) {
        return stream(encoding, from, to).length;
    }

    /** The unigram of the training targets' counts (add-one smoothed) on the targets of a stream's windows. */
    private static double unigramLoss(ModelBundle bundle, int[] stream) {
        @SuppressWarnings("unchecked")
        List<Number> train = (List<Number>) bundle.statistics().get("train_target_counts");
        double total = train.stream().mapToLong(Number::longValue).sum() + train.size();
        int targets = (int) (windows(stream.length) * LENGTH);
        double nll = 0;
        for (int t = 1; t <= targets; t++) {
            nll -= Math.log((train.get(stream[t]).longValue() + 1) / total);
        }
        return nll / targets;
    }

    /** Non-overlapping windows of LENGTH + 1 tokens over a stream: each scores LENGTH targets. */
    private static long windows(long tokens) {
        return (tokens - 1) / LENGTH;
    }

    @Test
    void heldOutFilesAreTheValidationAndTestSplits() throws IOException {
        ModelBundle bundle = new RunOutputs(run).languageModel();
        TextEncoding encoding = bundle.encoding();
        Row runs = ForecastEndToEndTest.reader().read().parquet(run + "/runs").first();
        long train = tokens(encoding, 0, 1500);
        assertEquals(train, (long) runs.getAs("tokens"));
        assertEquals(windows(train), (long) runs.getAs("train_windows"), "the whole training file trains");
        assertEquals(windows(tokens(encoding, 1500, 1800)), (long) runs.getAs("validation_windows"));
        long testTokens = windows(tokens(encoding, 1800, 2100)) * LENGTH;
        assertEquals(testTokens, (long) runs.getAs("test_tokens"));
        double testLoss = runs.getAs("test_loss");
        assertEquals(Math.exp(testLoss), (double) runs.getAs("test_perplexity"), 1e-12);
        assertEquals(testLoss / Math.log(2), (double) runs.getAs("test_bits_per_char"), 1e-12);
        assertEquals(unigramLoss(bundle, stream(encoding, 1800, 2100)), (double) runs.getAs("baseline_test_loss"),
                1e-9);

        List<Row> test = ForecastEndToEndTest.reader().read().parquet(run + "/metrics").where("split = 'test'")
                .collectAsList();
        assertEquals(1, test.size());
        assertEquals(2, test.get(0).<Integer>getAs("epoch"), "the kept model: the last epoch's");
        assertEquals(testLoss, test.get(0).<Double>getAs("loss"), 1e-12);
        assertEquals(testTokens, test.get(0).<Long>getAs("tokens"));
        assertTrue(console.contains(String.format("test: loss %.4f nats/token, perplexity %.2f", testLoss,
                Math.exp(testLoss))), console);
        assertTrue(console.contains("validation text (input.validation-path): 1 documents"), console);
    }

    @Test
    void theTestScoreIsEvaluateOfTheSavedModelOnTheTestFile() throws IOException {
        Row runs = ForecastEndToEndTest.reader().read().parquet(run + "/runs").first();
        ForecastEndToEndTest.stopReader();
        LossSummary evaluated = EvaluateCommand.run(ConfigLoader.load(null, sets(tmp.resolve("held-out/test.txt")
                        .toString())), false,
                new PrintStream(new ByteArrayOutputStream()));
        // the same windows in the same blocks (train.workers = 0: Spark's default parallelism, as evaluate uses),
        // scored with the same state carried along each row by the saved parameters: equal up to the order in
        // which the partitions' sums are added
        assertEquals((long) runs.getAs("test_tokens"), evaluated.tokens());
        assertEquals((double) runs.getAs("test_loss"), evaluated.loss(), 1e-9);
        assertEquals((double) runs.getAs("test_perplexity"), evaluated.perplexity(), 1e-8);
    }
}

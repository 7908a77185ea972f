package org.sparklstm.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparklstm.jobs.Main;
import org.sparklstm.jobs.config.ConfigLoader;
import org.sparklstm.pipeline.classify.ClassifyResult;

/** task = classify on local[2] over the real reviews, with Word2Vec; then predict, and bad input. */
class ClassifyEndToEndTest {

    @TempDir
    static Path tmp;
    static String run;
    static ClassifyResult outcome;
    static String console;

    static List<String> sets(String output, String... more) {
        List<String> sets = new ArrayList<>(List.of("task=classify", "input.path=../data-samples/fine_foods_train.csv",
                "classify.test-path=../data-samples/fine_foods_test.csv", "output.path=" + output,
                "classify.text-column=review", "classify.label-column=score", "classify.max-length=60",
                "classify.validation-fraction=0.1", "tokenizer.type=word", "tokenizer.lowercase=true",
                "tokenizer.min-count=3", "model.embedding=16", "model.layers=1", "model.hidden=16",
                "train.epochs=2", "train.batch-size=32", "train.learning-rate=0.01", "spark.master=local[2]",
                "embeddings.word2vec=true", "embeddings.iterations=1", "embeddings.min-count=3"));
        sets.addAll(List.of(more));
        return sets;
    }

    @BeforeAll
    static void train() throws IOException {
        ForecastEndToEndTest.stopReader();
        run = tmp.resolve("reviews").toString();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        outcome = (ClassifyResult) TrainCommand.run(ConfigLoader.load(null, sets(run)), false,
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        console = bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void trainsScoresAndWritesEveryTable() {
        SparkSession spark = ForecastEndToEndTest.reader();
        assertEquals(1000, outcome.test().metrics().total());
        assertEquals(0.658, outcome.test().majorityAccuracy(), 1e-12, "658 of the 1,000 test reviews are great");
        assertTrue(outcome.test().metrics().accuracy() > 0.6, console);
        assertTrue(outcome.test().metrics().rocAuc() > 0.6, console);
        Map<String, Double> test = new java.util.HashMap<>();
        for (Row r : spark.read().parquet(run + "/evaluation").where("split = 'test' AND class IS NULL").collectAsList()) {
            test.put(r.getString(2), r.isNullAt(5) ? null : r.getDouble(5));
        }
        assertEquals(outcome.test().metrics().accuracy(), test.get("accuracy"), 1e-12);
        assertEquals(outcome.test().metrics().macroF1(), test.get("macro_f1"), 1e-12);
        double confusion = spark.read().parquet(run + "/evaluation").where("split = 'test' AND metric = 'confusion'")
                .collectAsList().stream().mapToDouble(r -> r.getDouble(5)).sum();
        assertEquals(1000, confusion);
        Row great = spark.read().parquet(run + "/evaluation")
                .where("split = 'test' AND metric = 'support' AND class = 'great'").first();
        assertEquals(658.0, great.getDouble(5));
        List<Row> predictions = spark.read().parquet(run + "/predictions").collectAsList();
        assertEquals(1000, predictions.size());
        long right = 0;
        for (Row p : predictions) {
            Map<String, Double> probabilities = p.getJavaMap(4);
            assertEquals(1.0, probabilities.get("great") + probabilities.get("other"), 1e-5);
            right += p.getString(2).equals(p.getString(3)) ? 1 : 0;
        }
        assertEquals(outcome.test().metrics().accuracy(), right / 1000.0, 1e-12);
        Row runs = spark.read().parquet(run + "/runs").first();
        assertEquals(4000L, (long) runs.getAs("train_rows") + (long) runs.getAs("validation_rows"));
        assertTrue((int) runs.getAs("word2vec_rows") > 100, "Word2Vec initialised the embedding rows");
        assertTrue(spark.read().parquet(run + "/word2vec").count() > 100);
        assertEquals(4, spark.read().parquet(run + "/metrics").count(), "train and validation per epoch");
        assertTrue(console.contains("test: accuracy"), console);
    }

    @Test
    void predictAppliesTheSavedModelAsTheRunDid() throws IOException {
        ForecastEndToEndTest.stopReader();
        List<String> sets = new ArrayList<>(sets(run));
        sets.set(1, "input.path=../data-samples/fine_foods_test.csv");
        String path = PredictCommand.run(ConfigLoader.load(null, sets), false,
                new PrintStream(new ByteArrayOutputStream()));
        SparkSession spark = ForecastEndToEndTest.reader();
        List<Row> again = spark.read().parquet(path).orderBy("row_id").collectAsList();
        List<Row> first = spark.read().parquet(run + "/predictions").orderBy("row_id").collectAsList();
        assertEquals(1000, again.size());
        for (int i = 0; i < first.size(); i++) {
            assertEquals(first.get(i).getString(1), again.get(i).getString(1));
            assertEquals(first.get(i).getString(3), again.get(i).getString(3));
            assertEquals((double) first.get(i).getJavaMap(4).get("great"), (double) again.get(i).getJavaMap(4).get("great"),
                    1e-6);
        }
    }

    @Test
    void aReviewWithoutTextStopsTheRunOrIsQuarantined() throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(Path.of("../data-samples/fine_foods_test.csv")));
        lines.set(7, "\"B000XYZ\",\"\",\"great\"");
        Path bad = tmp.resolve("bad.csv");
        Files.write(bad, lines);
        String out = tmp.resolve("bad-run").toString();
        List<String> args = new ArrayList<>(List.of("train"));
        List<String> sets = new ArrayList<>(sets(out, "embeddings.word2vec=false", "train.epochs=1"));
        sets.set(1, "input.path=" + bad);
        sets.forEach(s -> {
            args.add("--set");
            args.add(s);
        });
        ForecastEndToEndTest.stopReader();
        PrintStream original = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            assertEquals(2, Main.run(args.toArray(String[]::new)));
        } finally {
            System.setErr(original);
        }
        String message = err.toString(StandardCharsets.UTF_8);
        assertTrue(message.contains("bad.csv: row 8, column 'review': empty text"), message);
        assertEquals(List.of("_FAILED"), Files.list(Path.of(out)).map(p -> p.getFileName().toString())
                .filter(n -> !n.startsWith(".")).toList());
        args.addAll(List.of("--set", "classify.on-error=quarantine"));
        assertEquals(0, Main.run(args.toArray(String[]::new)));
        Row q = ForecastEndToEndTest.reader().read().parquet(out + "/quarantine").first();
        assertEquals(8L, q.getLong(2));
        assertEquals("review", q.getString(3));
    }
}

package org.sparklstm.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparklstm.jobs.Main;
import org.sparklstm.jobs.config.ConfigLoader;
import org.sparklstm.jobs.config.JobConfig;
import org.sparklstm.models.lm.ModelBundle;
import org.sparklstm.pipeline.lm.LanguageModelResult;

/** The train command on local[2] over a real corpus, then evaluate, generate and show on its outputs. */
class EndToEndTest {

    @TempDir
    static Path tmp;
    static String run;
    static LanguageModelResult outcome;
    static String console;

    static List<String> sets(String output) {
        return List.of("input.path=../data-samples/austen-persuasion.txt", "output.path=" + output,
                "spark.master=local[2]", "sequence.length=50", "sequence.stride=50", "model.embedding=16",
                "model.layers=1", "model.hidden=64", "train.epochs=2", "train.batch-size=32",
                "train.learning-rate=0.01", "generate.prompt=Anne", "generate.length=40");
    }

    @BeforeAll
    static void train() throws IOException {
        run = tmp.resolve("run").toString();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        outcome = (LanguageModelResult) TrainCommand.run(ConfigLoader.load(null, sets(run)), false,
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        console = bytes.toString(StandardCharsets.UTF_8);
    }

    private static SparkSession reader() {
        return SparkSession.builder().master("local[1]").config("spark.ui.enabled", "false").getOrCreate();
    }

    @Test
    void validationLossFallsBelowTheUnigramBaseline() {
        assertTrue(outcome.validation().loss() < outcome.baseline().loss() - 0.5,
                outcome.validation().loss() + " vs baseline " + outcome.baseline().loss());
        assertTrue(console.contains("(beaten)"), console);
        assertTrue(console.contains("epoch 2/2 done"), console);
        assertTrue(console.contains("outputs in " + run), console);
        assertTrue(outcome.sample().startsWith("Anne") && outcome.sample().length() > 40, outcome.sample());
    }

    @Test
    void tablesHoldTheRun() throws IOException {
        SparkSession spark = reader();
        List<Row> metrics = spark.read().parquet(run + "/metrics").orderBy("epoch", "split").collectAsList();
        assertEquals(4, metrics.size());
        Row lastValidation = metrics.get(3);
        assertEquals(2, lastValidation.getInt(1));
        assertEquals("validation", lastValidation.getString(3));
        assertEquals(outcome.validation().loss(), lastValidation.getDouble(4), 1e-12);
        assertEquals(lastValidation.getDouble(4) / Math.log(2), lastValidation.getDouble(6), 1e-12);
        List<Row> runs = spark.read().parquet(run + "/runs").collectAsList();
        assertEquals(1, runs.size());
        Row r = runs.get(0);
        assertEquals(metrics.get(0).getString(0), r.getAs("run_id"));
        assertEquals("lm", r.getAs("task"));
        assertEquals(1L, (long) r.getAs("documents"));
        assertEquals(466855L, (long) r.getAs("tokens"));
        assertEquals(0L, (long) r.getAs("quarantined_records"));
        assertEquals(outcome.baseline().loss(), (double) r.getAs("baseline_validation_loss"), 1e-12);
        assertTrue(((String) r.getAs("config_json")).contains("austen-persuasion.txt"));
        assertEquals(0, spark.read().parquet(run + "/quarantine").count());
        try (var files = Files.list(Path.of(run))) {
            // _SUCCESS last, no staging left, no checkpoints asked for
            assertEquals(List.of("_SUCCESS", "metrics", "model", "quarantine", "run.json", "runs"),
                    files.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList());
        }
    }

    @Test
    void savedModelReloadsGeneratesAndEvaluates() throws Exception {
        ModelBundle bundle = ModelBundle.load(new org.apache.hadoop.fs.Path(run + "/model"), new Configuration());
        assertEquals(outcome.baseline().loss(), (Double) bundle.statistics().get("baseline_validation_loss"), 1e-12);
        JobConfig config = ConfigLoader.load(null, sets(run));
        String a = GenerateCommand.run(config.generate());
        assertEquals(a, GenerateCommand.run(config.generate()));
        assertEquals(outcome.sample(), a);

        // evaluate on the other novels' opening: a new text the model never saw
        Path other = tmp.resolve("emma.txt");
        Files.writeString(other, String.join("\n", Files.readAllLines(Path.of("../data-samples/austen-persuasion.txt"))
                .subList(0, 400)));
        List<String> evalSets = new java.util.ArrayList<>(sets(run));
        evalSets.set(0, "input.path=" + other);
        JobConfig evalConfig = ConfigLoader.load(null, evalSets);
        ByteArrayOutputStream evaluated = new ByteArrayOutputStream();
        var loss = EvaluateCommand.run(evalConfig, false, new PrintStream(evaluated, true, StandardCharsets.UTF_8));
        assertTrue(loss.loss() < outcome.baseline().loss(), "model beats unigram on new text: " + loss.loss());
        // what is not scored is said: the text's end, shorter than a window of 50
        java.util.regex.Matcher unscored = java.util.regex.Pattern.compile("not scored: ([0-9,]+) of the text's "
                + "([0-9,]+) targets, which fall in no complete window of sequence.length 50")
                .matcher(evaluated.toString(StandardCharsets.UTF_8));
        assertTrue(unscored.find(), evaluated.toString(StandardCharsets.UTF_8));
        long left = Long.parseLong(unscored.group(1).replace(",", ""));
        assertTrue(left > 0 && left < 50, unscored.group());
        assertEquals(Long.parseLong(unscored.group(2).replace(",", "")), loss.tokens() + left);
        Row row = reader().read().parquet(run + "-evaluation/evaluation").first();
        assertEquals(loss.loss(), row.getDouble(4), 1e-12);
        assertEquals(loss.tokens(), row.getLong(3));
    }

    @Test
    void showPrintsCsvAndAnExistingRunIsRefused() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ShowCommand.run(run + "/metrics", 2, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals("run_id,epoch,round,split,loss,perplexity,bits_per_char,tokens,seconds", lines[0]);
        assertEquals(3, lines.length);

        List<String> args = new java.util.ArrayList<>(List.of("train"));
        sets(run).forEach(s -> {
            args.add("--set");
            args.add(s);
        });
        assertEquals(2, Main.run(args.toArray(String[]::new)));
    }
}

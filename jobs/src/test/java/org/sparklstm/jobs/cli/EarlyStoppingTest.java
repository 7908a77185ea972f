package org.sparklstm.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparklstm.models.classify.ClassifierBundle;
import org.sparklstm.models.lm.ModelBundle;

/**
 * {@code train.early-stopping-patience} for every task: training ends once the validation measure has not
 * fallen for that many epochs (or at the last epoch), and the model, the runs row and the bundle are the
 * best epoch's.
 */
class EarlyStoppingTest {

    private static final int EPOCHS = 4;
    private static final int PATIENCE = 1;

    @TempDir
    static Path tmp;

    @AfterAll
    static void stopReader() {
        ForecastEndToEndTest.stopReader();
    }

    private static void train(List<String> sets) {
        List<String> all = new ArrayList<>(sets);
        all.addAll(List.of("train.epochs=" + EPOCHS, "train.early-stopping-patience=" + PATIENCE));
        CliRuns.train(all);
    }

    /** The validation measure of every trained epoch, from the metrics table, in epoch order. */
    private static List<Double> validation(String run, String column) {
        SparkSession spark = ForecastEndToEndTest.reader();
        return spark.read().parquet(run + "/metrics").where("split = 'validation'").orderBy("epoch")
                .collectAsList().stream().map(r -> r.<Double>getAs(column)).toList();
    }

    /** Stopped at the right epoch, and returns the best epoch (1-based). */
    private static int assertStoppedAtTheRightEpoch(List<Double> measures, Row runs) {
        int best = 0;
        for (int e = 1; e < measures.size(); e++) {
            if (measures.get(e) < measures.get(best)) {
                best = e;
            }
        }
        int trained = measures.size();
        assertTrue(trained == EPOCHS || trained - 1 - best == PATIENCE, "trained " + trained + " epochs: " + measures);
        assertTrue(trained - 1 - best <= PATIENCE, "went on past the patience: " + measures);
        assertEquals(trained, (int) runs.<Integer>getAs("epochs"));
        return best + 1;
    }

    @Test
    void aLanguageModelKeepsItsBestEpoch() throws IOException {
        Path corpus = CliRuns.persuasion(tmp, 600);
        String run = tmp.resolve("lm").toString();
        train(List.of("input.path=" + corpus, "output.path=" + run, "spark.master=local[2]", "train.workers=2",
                "sequence.length=50", "sequence.stride=50", "model.embedding=8", "model.layers=1", "model.hidden=16",
                "train.batch-size=16", "train.learning-rate=0.05", "generate.length=10"));
        List<Double> losses = validation(run, "loss");
        Row runs = ForecastEndToEndTest.reader().read().parquet(run + "/runs").first();
        int best = assertStoppedAtTheRightEpoch(losses, runs);
        double bestLoss = losses.get(best - 1);
        assertEquals(bestLoss, (double) runs.getAs("final_validation_loss"), 1e-12);
        ModelBundle bundle = ModelBundle.load(new org.apache.hadoop.fs.Path(run + "/model"), new Configuration());
        assertEquals(bestLoss, (Double) bundle.statistics().get("validation_loss"), 1e-12);
    }

    @Test
    void aForecasterKeepsItsBestEpochByValidationError() {
        String run = tmp.resolve("sunspots").toString();
        train(ForecastEndToEndTest.sets("../data-samples/sunspot.month.csv", run, "series.window=24",
                "series.split.train=0.7", "series.split.validation=0.1", "train.learning-rate=0.05"));
        List<Double> errors = validation(run, "mae");
        Row runs = ForecastEndToEndTest.reader().read().parquet(run + "/runs").first();
        int best = assertStoppedAtTheRightEpoch(errors, runs);
        assertEquals(errors.get(best - 1), (double) runs.getAs("final_validation_mae"), 1e-12);
        // the model tested is the best epoch's: its validation rows in the evaluation table match that epoch
        Row validation = ForecastEndToEndTest.reader().read().parquet(run + "/evaluation")
                .where("split = 'validation' AND method = 'model'").first();
        assertEquals(errors.get(best - 1), validation.<Double>getAs("mae"), 1e-9);
    }

    @Test
    void aClassifierKeepsItsBestEpoch() throws IOException {
        Path reviews = CliRuns.reviews(tmp, 1500);
        String run = tmp.resolve("reviews").toString();
        train(List.of("task=classify", "input.path=" + reviews, "output.path=" + run,
                "classify.text-column=review", "classify.label-column=score", "classify.max-length=40",
                "tokenizer.type=word", "tokenizer.lowercase=true", "tokenizer.min-count=3", "model.embedding=16",
                "model.layers=1", "model.hidden=16", "train.batch-size=32", "train.learning-rate=0.02",
                "spark.master=local[2]"));
        List<Double> losses = validation(run, "loss");
        Row runs = ForecastEndToEndTest.reader().read().parquet(run + "/runs").first();
        int best = assertStoppedAtTheRightEpoch(losses, runs);
        ClassifierBundle bundle = ClassifierBundle.load(new org.apache.hadoop.fs.Path(run + "/model"),
                new Configuration());
        assertEquals(best, ((Number) bundle.statistics().get("kept_epoch")).intValue());
    }
}

package org.sparklstm.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparklstm.ml.LstmClassificationModel;
import org.sparklstm.ml.LstmClassifier;
import org.sparklstm.models.classify.ClassifierBundle;
import org.sparklstm.models.classify.TextPreparation;

/**
 * The Spark ML estimator and the command line train the same model, and each loads what the other saved: the same
 * reviews, seed and settings through {@code train} and through {@link LstmClassifier#fit}.
 */
class SparkMlInteropTest {

    @TempDir
    static Path tmp;
    static Path reviews;
    static String cliRun;
    static SparkSession spark;
    static LstmClassificationModel fitted;

    @BeforeAll
    static void trainBothWays() throws IOException {
        reviews = CliRuns.reviews(tmp, 600);
        cliRun = tmp.resolve("cli").toString();
        CliRuns.train(List.of("task=classify", "input.path=" + reviews, "output.path=" + cliRun,
                "classify.test-path=../data-samples/fine_foods_test.csv", "classify.text-column=review",
                "classify.label-column=score", "classify.id-column=product", "classify.max-length=40",
                "tokenizer.type=word", "tokenizer.lowercase=true", "tokenizer.min-count=3", "model.embedding=16",
                "model.layers=1", "model.hidden=16", "train.epochs=2", "train.batch-size=32",
                "train.learning-rate=0.01", "train.workers=2", "spark.master=local[2]"));
        spark = SparkSession.builder().master("local[2]").config("spark.ui.enabled", "false").getOrCreate();
        fitted = new LstmClassifier().setTextCol("review").setLabelCol("score").setIdCol("product").setMaxLength(40)
                .setTokenizer("word").setLowercase(true).setMinCount(3).setEmbedding(16).setLayers(1).setHidden(16)
                .setEpochs(2).setBatchSize(32).setLearningRate(0.01).setWorkers(2).fit(csv(reviews.toString()));
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    static Dataset<Row> csv(String path) {
        return spark.read().option("header", true).option("escape", "\"").csv(path);
    }

    @Test
    void fitGivesTheParametersOfTrain() throws IOException {
        ClassifierBundle cli = ClassifierBundle.load(new org.apache.hadoop.fs.Path(cliRun, "model"),
                new Configuration());
        assertEquals(cli.labels(), fitted.bundle().labels());
        TextPreparation expected = cli.preparation();
        TextPreparation actual = fitted.bundle().preparation();
        assertEquals(expected.encoding().spec(), actual.encoding().spec());
        assertEquals(expected.encoding().vocabulary().tokens(), actual.encoding().vocabulary().tokens());
        assertEquals(expected.maxLength(), actual.maxLength());
        assertEquals(expected.keepEnd(), actual.keepEnd());
        assertArrayEquals(cli.network().params().toFloatVector(), fitted.bundle().network().params().toFloatVector());
    }

    @Test
    void aModelTrainedByTheCommandLineTransformsAsItsPredictions() {
        LstmClassificationModel model = LstmClassificationModel.load(cliRun + "/model");
        assertEquals("review", model.getTextCol(), "the text column of the run's config");
        // the run's predictions table holds one row per test review under its product id; product ids repeat, so
        // both sides are matched by (product, predicted label, probability of that label)
        List<String> transformed = model.transform(csv("../data-samples/fine_foods_test.csv")).collectAsList().stream()
                .map(r -> {
                    int predicted = (int) r.<Double>getAs("prediction").doubleValue();
                    Vector p = r.getAs("probability");
                    return r.<String>getAs("product") + " " + model.labels()[predicted] + " " + p.apply(predicted);
                }).sorted().toList();
        List<String> table = spark.read().parquet(cliRun + "/predictions").collectAsList().stream()
                .map(r -> {
                    String predicted = r.getAs("predicted_label");
                    Object p = r.<scala.collection.Map<String, Object>>getAs("probabilities").get(predicted).get();
                    return r.<String>getAs("row_id") + " " + predicted + " " + p;
                }).sorted().toList();
        assertEquals(1000, transformed.size());
        assertEquals(table, transformed);
    }

    @Test
    void aModelSavedBySparkMlPredictsOnTheCommandLine() throws IOException {
        String saved = tmp.resolve("ml-model").toString();
        fitted.write().save(saved);
        List<Row> expected = fitted.transform(csv("../data-samples/fine_foods_test.csv")).select("prediction")
                .collectAsList();
        spark.stop();
        String out = tmp.resolve("predicted").toString();
        CliRuns.run(List.of("predict", "--set", "task=classify", "--set", "input.path=../data-samples/fine_foods_test.csv",
                "--set", "classify.text-column=review", "--set", "classify.label-column=score", "--set",
                "predict.model-path=" + saved, "--set", "predict.output-path=" + out, "--set", "spark.master=local[2]"));
        spark = SparkSession.builder().master("local[2]").config("spark.ui.enabled", "false").getOrCreate();
        List<Row> predicted = spark.read().parquet(out + "/predictions").collectAsList().stream()
                .sorted(Comparator.comparingInt(r -> Integer.parseInt(r.<String>getAs("row_id").split(":")[1])))
                .toList();
        assertEquals(expected.size(), predicted.size());
        for (int i = 0; i < predicted.size(); i++) {
            assertEquals(fitted.labels()[(int) expected.get(i).getDouble(0)],
                    predicted.get(i).<String>getAs("predicted_label"), "review " + i);
        }
    }
}

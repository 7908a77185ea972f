package org.sparklstm.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparklstm.ml.LstmLanguageModel;
import org.sparklstm.ml.LstmLanguageModelModel;
import org.sparklstm.pipeline.lm.LmEvaluationRow;

/**
 * A language model fitted as a Spark ML estimator scores a text with the loss that the command line's
 * {@code evaluate} gives the same text as a file: one stream, read from its start with the state carried (one
 * scoring row on one core), every token after the leading line end predicted. {@code evaluate} scores whole
 * windows: its {@code sequence.length} of 35 divides the text's 2,975 targets.
 */
class SparkMlLanguageModelInteropTest {

    @TempDir
    static Path tmp;

    static final StructType TEXTS = DataTypes.createStructType(List.of(
            DataTypes.createStructField("text", DataTypes.StringType, false)));

    @Test
    void transformScoresATextWithTheLossOfEvaluate() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("../data-samples/austen-persuasion.txt"));
        String saved = tmp.resolve("lm").toString();
        SparkSession spark = SparkSession.builder().master("local[2]").config("spark.ui.enabled", "false")
                .getOrCreate();
        double transformLoss;
        long transformTokens;
        try {
            List<Row> training = new ArrayList<>();
            for (int from = 0; from < 1500; from += 100) {
                training.add(RowFactory.create(String.join("\n", lines.subList(from, from + 100))));
            }
            LstmLanguageModelModel model = new LstmLanguageModel().setSequenceLength(50).setEmbedding(8)
                    .setHidden(32).setLayers(1).setBatchSize(16).setEpochs(1).setLearningRate(0.01).setWorkers(2)
                    .fit(spark.createDataFrame(training, TEXTS));
            model.write().save(saved);
            String heldOut = String.join("\n", lines.subList(2000, 2060));
            Row scored = model.transform(spark.createDataFrame(List.of(RowFactory.create(heldOut)), TEXTS)).first();
            transformTokens = scored.getAs("tokens");
            transformLoss = -scored.<Double>getAs("logLikelihood") / transformTokens;
        } finally {
            spark.stop();
        }

        Path file = tmp.resolve("held-out.txt");
        Files.write(file, lines.subList(2000, 2060));
        String out = tmp.resolve("evaluated").toString();
        CliRuns.run(List.of("evaluate", "--set", "task=lm", "--set", "input.path=" + file, "--set",
                "evaluate.model-path=" + saved, "--set", "evaluate.output-path=" + out, "--set",
                "sequence.length=35", "--set", "train.stateful=true", "--set", "train.eval-batch-size=1", "--set",
                "spark.master=local[1]"));
        spark = SparkSession.builder().master("local[1]").config("spark.ui.enabled", "false").getOrCreate();
        try {
            LmEvaluationRow evaluated = LmEvaluationRow.TABLE.read(spark, out + "/evaluation").get(0);
            assertEquals(evaluated.tokens(), transformTokens);
            assertEquals(evaluated.loss(), transformLoss, 1e-5);
        } finally {
            spark.stop();
        }
    }
}

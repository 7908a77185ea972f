package org.sparklstm.ml;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.attribute.Attribute;
import org.apache.spark.ml.attribute.NominalAttribute;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.tuning.CrossValidator;
import org.apache.spark.ml.tuning.CrossValidatorModel;
import org.apache.spark.ml.tuning.ParamGridBuilder;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparklstm.pipeline.classify.ClassificationReport;
import org.sparklstm.pipeline.ingest.InputException;

/** LstmClassifier in MLlib's Pipeline, evaluators, persistence and CrossValidator, on the real reviews. */
class LstmClassifierTest extends MlTestSupport {

    @TempDir
    static Path tmp;
    static SparkSession spark;
    static PipelineModel fitted;
    static Dataset<Row> test;

    @BeforeAll
    static void fitPipeline() {
        spark = session();
        StringIndexer indexer = new StringIndexer().setInputCol("score").setOutputCol("label")
                .setStringOrderType("alphabetAsc");
        Pipeline pipeline = new Pipeline().setStages(new PipelineStage[]{indexer, smallClassifier().setEpochs(2)});
        fitted = pipeline.fit(reviews(spark, "fine_foods_train.csv"));
        test = reviews(spark, "fine_foods_test.csv");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void mllibsEvaluatorsScoreTheTransformedReviews() {
        Dataset<Row> scored = fitted.transform(test).cache();
        assertEquals(1000, scored.count());
        double accuracy = new MulticlassClassificationEvaluator().setMetricName("accuracy").evaluate(scored);
        double auc = new BinaryClassificationEvaluator().evaluate(scored);
        // 658 of the 1,000 test reviews are great: the majority class's accuracy is 0.658
        assertTrue(accuracy > 0.66, "accuracy " + accuracy);
        assertTrue(auc > 0.7, "ROC AUC " + auc);
        Row first = scored.first();
        Vector probability = first.getAs("probability");
        Vector raw = first.getAs("rawPrediction");
        assertEquals(1.0, probability.apply(0) + probability.apply(1), 1e-6);
        assertEquals(Math.log(probability.apply(1)), raw.apply(1), 1e-9);
        assertEquals(probability.argmax(), (int) first.<Double>getAs("prediction").doubleValue());
        NominalAttribute prediction = (NominalAttribute) Attribute.fromStructField(scored.schema().apply("prediction"));
        assertArrayEquals(new String[]{"great", "other"}, prediction.values().get(), "the indexer's classes");
        // the model's own evaluation, by class name, agrees with MLlib's evaluators
        ClassificationReport report = ((LstmClassificationModel) fitted.stages()[1]).evaluate(test, "score");
        assertEquals(1000, report.metrics().total());
        assertEquals(accuracy, report.metrics().accuracy(), 1e-12);
        assertEquals(auc, report.metrics().rocAuc(), 0.01, "MLlib's evaluator bins its thresholds");
        scored.unpersist();
    }

    @Test
    void aSavedPipelineModelLoadsInANewSessionWithIdenticalPredictions() throws java.io.IOException {
        String path = tmp.resolve("pipeline").toString();
        List<Row> before = fitted.transform(test).select("probability", "prediction").collectAsList();
        fitted.write().overwrite().save(path);
        spark.stop();
        spark = session();
        test = reviews(spark, "fine_foods_test.csv");
        PipelineModel loaded = PipelineModel.load(path);
        List<Row> after = loaded.transform(test).select("probability", "prediction").collectAsList();
        assertEquals(before, after);
        LstmClassificationModel model = (LstmClassificationModel) loaded.stages()[1];
        assertEquals("review", model.getTextCol());
        assertTrue(tmp.resolve("pipeline/stages").toFile().list().length == 2);
    }

    @Test
    void aRegisteredSqlFunctionPredictsAsTransformInMinibatches() throws java.io.IOException {
        LstmClassificationModel model = (LstmClassificationModel) fitted.stages()[1];
        String path = tmp.resolve("udf-model").toString();
        model.write().save(path);
        LstmUdfs.register(spark, "sentiment", path);
        test.createOrReplaceTempView("reviews");

        Dataset<Row> query = spark.sql("SELECT product, sentiment(review) AS predicted FROM reviews");
        assertTrue(query.queryExecution().executedPlan().toString().contains("ClassifyTexts"),
                "scored by partition, in minibatches: " + query.queryExecution().executedPlan());
        List<Row> bySql = query.collectAsList();
        List<Row> byTransform = model.transform(test).select("product", "prediction").collectAsList();
        assertEquals(1000, bySql.size());
        for (int i = 0; i < bySql.size(); i++) {
            assertEquals(byTransform.get(i).getString(0), bySql.get(i).getString(0));
            assertEquals(model.labels()[(int) byTransform.get(i).getDouble(1)], bySql.get(i).getString(1), "row " + i);
        }
        long great = bySql.stream().filter(r -> "great".equals(r.getString(1))).count();
        assertEquals(great, spark.sql("SELECT count(*) FROM reviews WHERE sentiment(review) = 'great'").first()
                .getLong(0), "in a filter too");
        assertEquals(great, spark.sql("SELECT sentiment(review) AS s, count(*) AS n FROM reviews GROUP BY 1")
                .where("s = 'great'").first().getLong(1), "and in a grouping");
        assertEquals(null, spark.sql("SELECT sentiment(NULL)").first().get(0), "no text, no prediction");
    }

    @Test
    void crossValidatorPicksOneOfTwoSizesAndRefits() {
        Dataset<Row> rows = reviews(spark, "fine_foods_train.csv").limit(800)
                .withColumn("label", when(col("score").equalTo("great"), lit(1.0)).otherwise(lit(0.0)));
        LstmClassifier classifier = smallClassifier().setValidationFraction(0);
        ParamMap[] grid = new ParamGridBuilder().addGrid(classifier.hidden(), new int[]{4, 16}).build();
        CrossValidatorModel cv = new CrossValidator().setEstimator(classifier).setEstimatorParamMaps(grid)
                .setEvaluator(new BinaryClassificationEvaluator()).setNumFolds(2).setSeed(7).fit(rows);
        assertEquals(2, cv.avgMetrics().length);
        int best = cv.avgMetrics()[0] >= cv.avgMetrics()[1] ? 0 : 1;
        LstmClassificationModel model = (LstmClassificationModel) cv.bestModel();
        int hidden = (Integer) grid[best].get(classifier.hidden()).get();
        // one layer of `hidden` LSTM units: the input weights from the 16-wide embedding hold 16 x 4 x hidden values
        assertEquals(4 * hidden * (16 + hidden + 1), model.bundle().network().getLayer(1).numParams(),
                "the refitted model has the chosen size");
        assertEquals(800, model.transform(rows).count());
    }

    @Test
    void handleInvalidErrorNamesTheRowSkipDropsItKeepGivesNull() {
        Dataset<Row> rows = reviews(spark, "fine_foods_train.csv").limit(300)
                .withColumn("review", when(col("product").equalTo("B000EYLDYE"), lit(null).cast(DataTypes.StringType))
                        .otherwise(col("review")));
        long nulls = rows.where(col("review").isNull()).count();
        assertTrue(nulls >= 1);
        InputException error = assertThrows(InputException.class,
                () -> smallClassifier().setLabelCol("score").fit(rows));
        assertTrue(error.getMessage().contains("DataFrame: row 2, column 'review': null text"), error.getMessage());

        LstmClassificationModel model = smallClassifier().setLabelCol("score").setHandleInvalid("skip").fit(rows);
        assertArrayEquals(new String[]{"great", "other"}, model.labels());
        assertEquals(300 - nulls, model.transform(rows).count(), "skip leaves the null texts out");
        Dataset<Row> kept = model.setHandleInvalid("keep").transform(rows);
        assertEquals(300, kept.count());
        assertEquals(nulls, kept.where(col("prediction").isNull()).count(), "keep gives them null predictions");
        Exception failed = assertThrows(Exception.class,
                () -> model.setHandleInvalid("error").transform(rows).collect());
        assertTrue(failed.toString().contains("textCol: column 'review' is null"), failed.toString());
    }

    @Test
    void paramsBehaveAsMllibs() {
        LstmClassifier classifier = smallClassifier();
        assertTrue(classifier.explainParams().contains("hidden: units per recurrent layer (>= 1) (default: 256, "
                + "current: 16)"), classifier.explainParams());
        LstmClassifier copy = classifier.copy(new ParamMap().put(classifier.hidden().w(32)));
        assertEquals(32, copy.getHidden());
        assertEquals(16, classifier.getHidden());
        assertEquals(classifier.uid(), copy.uid());
        assertThrows(IllegalArgumentException.class, () -> classifier.setHidden(0));
        assertThrows(IllegalArgumentException.class, () -> classifier.setCell("rnn"));
        Dataset<Row> rows = reviews(spark, "fine_foods_test.csv");
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> classifier.transformSchema(rows.schema()));
        assertTrue(missing.getMessage().startsWith("labelCol: column 'label' does not exist"), missing.getMessage());
        IllegalArgumentException type = assertThrows(IllegalArgumentException.class,
                () -> classifier.setTextCol("score").setLabelCol("review").transformSchema(
                        rows.withColumn("score", lit(1)).schema()));
        assertTrue(type.getMessage().startsWith("textCol: column 'score' must be of type string"), type.getMessage());
    }
}

package org.sparklstm.ml;

import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** The README's Java example, as it is printed there (between the markers). */
final class JavaExample {

    private JavaExample() {
    }

    // README:begin
    static double trainAndQuery(SparkSession spark, String data, String runs) throws java.io.IOException {
        Dataset<Row> train = spark.read().option("header", true).option("escape", "\"")
                .csv(data + "/fine_foods_train.csv");
        Dataset<Row> test = spark.read().option("header", true).option("escape", "\"")
                .csv(data + "/fine_foods_test.csv");

        // a Pipeline: class names to indexes, then the LSTM; MLlib's evaluators work unchanged
        LstmClassifier lstm = new LstmClassifier().setTextCol("review").setLabelCol("label")
                .setTokenizer("word").setLowercase(true).setMaxLength(60).setHidden(16).setEpochs(1);
        PipelineModel model = new Pipeline().setStages(new PipelineStage[]{
                new StringIndexer().setInputCol("score").setOutputCol("label"), lstm}).fit(train);
        double accuracy = new MulticlassClassificationEvaluator().setMetricName("accuracy")
                .evaluate(model.transform(test));
        model.write().overwrite().save(runs + "/sentiment-pipeline");

        // SQL: the fitted classifier, saved, becomes a function
        ((LstmClassificationModel) model.stages()[1]).write().overwrite().save(runs + "/sentiment");
        LstmUdfs.register(spark, "sentiment", runs + "/sentiment");
        test.createOrReplaceTempView("reviews");
        spark.sql("SELECT sentiment(review) AS predicted, count(*) AS reviews FROM reviews GROUP BY 1").show();
        return accuracy;
    }
    // README:end
}

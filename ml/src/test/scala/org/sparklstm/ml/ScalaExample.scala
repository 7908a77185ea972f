package org.sparklstm.ml

import org.apache.spark.ml.Pipeline
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator
import org.apache.spark.ml.feature.StringIndexer
import org.apache.spark.sql.SparkSession

/** The README's Scala example, as it is printed there (between the markers). */
object ScalaExample {

  // README:begin
  def trainAndQuery(spark: SparkSession, data: String, runs: String): Double = {
    val reviews = spark.read.option("header", "true").option("escape", "\"")
    val train = reviews.csv(s"$data/fine_foods_train.csv")
    val test = reviews.csv(s"$data/fine_foods_test.csv")

    // a Pipeline: class names to indexes, then the LSTM; MLlib's evaluators work unchanged
    val lstm = new LstmClassifier().setTextCol("review").setLabelCol("label")
      .setTokenizer("word").setLowercase(true).setMaxLength(60).setHidden(16).setEpochs(1)
    val model = new Pipeline().setStages(Array(
      new StringIndexer().setInputCol("score").setOutputCol("label"), lstm)).fit(train)
    val accuracy = new MulticlassClassificationEvaluator().setMetricName("accuracy")
      .evaluate(model.transform(test))
    model.write.overwrite().save(s"$runs/sentiment-pipeline")

    // SQL: the fitted classifier, saved, becomes a function
    model.stages(1).asInstanceOf[LstmClassificationModel].write.overwrite().save(s"$runs/sentiment")
    LstmUdfs.register(spark, "sentiment", s"$runs/sentiment")
    test.createOrReplaceTempView("reviews")
    spark.sql("SELECT sentiment(review) AS predicted, count(*) AS reviews FROM reviews GROUP BY 1").show()
    accuracy
  }
  // README:end
}

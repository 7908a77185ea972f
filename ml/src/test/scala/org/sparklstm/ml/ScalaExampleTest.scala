package org.sparklstm.ml

import java.nio.file.Files

import org.apache.spark.ml.PipelineModel
import org.junit.jupiter.api.Assertions.{assertEquals, assertTrue}
import org.junit.jupiter.api.Test

/** The README's Scala example runs: it trains, evaluates, saves a PipelineModel and answers SQL. */
class ScalaExampleTest {

  @Test
  def trainsEvaluatesSavesAndAnswersSql(): Unit = {
    val spark = MlTestSupport.session()
    try {
      val runs = Files.createTempDirectory("scala-example").toString
      val accuracy = ScalaExample.trainAndQuery(spark, MlTestSupport.DATA_SAMPLES.toString, runs)
      // 658 of the 1,000 test reviews are great: the majority class's accuracy is 0.658
      assertTrue(accuracy >= 0.6 && accuracy <= 1, s"accuracy $accuracy")
      assertEquals(2, PipelineModel.load(s"$runs/sentiment-pipeline").stages.length)
      assertEquals(1000L, spark.sql("SELECT count(*) FROM reviews WHERE sentiment(review) IN ('great', 'other')")
        .first().getLong(0))
    } finally {
      spark.stop()
    }
  }
}

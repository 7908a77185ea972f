package org.sparklstm.ml

import org.apache.hadoop.fs.Path
import org.apache.spark.sql.SparkSession
import org.sparklstm.ml.sql.ClassifierFunctions

/**
 * Saved models as SQL functions: `LstmUdfs.register(spark, "sentiment", modelPath)`, then
 * `SELECT sentiment(review) FROM reviews` gives each text's predicted class name (null for a null or blank text).
 * Each executor loads the model from its path once, and each task scores its partition's texts in minibatches, not
 * one row at a time.
 */
object LstmUdfs {

  /** Registers the classifier saved at `modelPath` (by Spark ML or the command line) as `name`. */
  def register(spark: SparkSession, name: String, modelPath: String): Unit =
    ClassifierFunctions.register(spark, name, new Path(modelPath).toString)
}

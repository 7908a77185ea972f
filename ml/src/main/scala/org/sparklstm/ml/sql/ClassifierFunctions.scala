package org.sparklstm.ml.sql

import org.apache.spark.sql.SparkSession
import org.apache.spark.sql.catalyst.expressions.{Cast, Expression}
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan
import org.apache.spark.sql.execution.{SparkPlan, SparkStrategy}
import org.apache.spark.sql.types.StringType
import org.apache.spark.util.SerializableConfiguration

/** Registers saved classifiers as SQL functions of a session, and teaches its planner to run them in minibatches. */
object ClassifierFunctions {

  /** Plans [[ClassifyTexts]]. */
  private object Planning extends SparkStrategy {
    override def apply(plan: LogicalPlan): Seq[SparkPlan] = plan match {
      case ClassifyTexts(calls, predictions, child) => ClassifyTextsExec(calls, predictions, planLater(child)) :: Nil
      case _ => Nil
    }
  }

  def register(spark: SparkSession, name: String, modelPath: String): Unit = {
    val hadoop = new SerializableConfiguration(spark.sparkContext.hadoopConfiguration)
    SavedClassifiers.get(modelPath, hadoop)
    install(spark)
    val call: Seq[Expression] => Expression = {
      case Seq(text) => ClassifierCall(name, modelPath, hadoop,
        if (text.resolved && text.dataType == StringType) text else Cast(text, StringType))
      case args => throw new IllegalArgumentException(s"$name takes one text column, not ${args.size} arguments")
    }
    spark.sessionState.functionRegistry.createOrReplaceTempFunction(name, call, "scala_udf")
  }

  private def install(spark: SparkSession): Unit = synchronized {
    val methods = spark.experimental
    if (!methods.extraOptimizations.contains(ExtractClassifierCalls)) {
      methods.extraOptimizations = methods.extraOptimizations :+ ExtractClassifierCalls
    }
    if (!methods.extraStrategies.contains(Planning)) {
      methods.extraStrategies = methods.extraStrategies :+ Planning
    }
  }
}

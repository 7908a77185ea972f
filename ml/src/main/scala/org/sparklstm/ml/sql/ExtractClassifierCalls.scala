package org.sparklstm.ml.sql

import org.apache.spark.sql.catalyst.expressions.{AttributeReference, Expression}
import org.apache.spark.sql.catalyst.plans.logical.{LogicalPlan, Project}
import org.apache.spark.sql.catalyst.rules.Rule

/**
 * Moves the classifier calls of an operator (a projection, a filter, an aggregation, ...) into a [[ClassifyTexts]]
 * node under it, and has the operator read their predictions as columns, as Spark's `ExtractPythonUDFs` does for
 * Python functions.
 */
object ExtractClassifierCalls extends Rule[LogicalPlan] {

  override def apply(plan: LogicalPlan): LogicalPlan = plan.transformUp {
    case scoring: ClassifyTexts => scoring // holds the calls it runs
    case operator if operator.children.size == 1 && operator.expressions.exists(hasCall) =>
      val calls = operator.expressions.flatMap(_.collect { case call: ClassifierCall => call }).distinct
      if (calls.exists(call => hasCall(call.child))) {
        throw new IllegalArgumentException(s"a classifier call cannot take another's prediction: ${calls.head.sql}")
      }
      val predictions = calls.map(call => AttributeReference(call.name, call.dataType, nullable = true)())
      val column = calls.zip(predictions).toMap
      val rewritten = operator.withNewChildren(Seq(ClassifyTexts(calls, predictions, operator.children.head)))
        .transformExpressions { case call: ClassifierCall => column(call) }
      // an operator that passes its child's columns through would pass the predictions too
      if (rewritten.output == operator.output) rewritten else Project(operator.output, rewritten)
  }

  private def hasCall(e: Expression): Boolean = e.exists(_.isInstanceOf[ClassifierCall])
}

package org.sparklstm.ml.sql

import org.apache.spark.sql.catalyst.expressions.{Expression, UnaryExpression, Unevaluable}
import org.apache.spark.sql.types.{DataType, StringType}
import org.apache.spark.util.SerializableConfiguration

/**
 * A SQL call of a saved classifier on a text (cast to a string), `sentiment(review)`: the predicted class name. It is never evaluated
 * row by row: [[ExtractClassifierCalls]] moves it into a [[ClassifyTexts]] node, which scores a partition's texts
 * in minibatches.
 */
case class ClassifierCall(name: String, modelPath: String, hadoop: SerializableConfiguration, child: Expression)
    extends UnaryExpression with Unevaluable {

  override def dataType: DataType = StringType

  override def nullable: Boolean = true

  override def prettyName: String = name

  override protected def withNewChildInternal(newChild: Expression): ClassifierCall = copy(child = newChild)
}

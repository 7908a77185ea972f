package org.sparklstm.ml.sql

import org.apache.spark.sql.catalyst.expressions.{Attribute, AttributeSet}
import org.apache.spark.sql.catalyst.plans.logical.{LogicalPlan, UnaryNode}

/** The child's rows, each with one more column per classifier call: its predicted class name. */
case class ClassifyTexts(calls: Seq[ClassifierCall], predictions: Seq[Attribute], child: LogicalPlan)
    extends UnaryNode {

  override def output: Seq[Attribute] = child.output ++ predictions

  override def producedAttributes: AttributeSet = AttributeSet(predictions)

  override protected def withNewChildInternal(newChild: LogicalPlan): ClassifyTexts = copy(child = newChild)
}

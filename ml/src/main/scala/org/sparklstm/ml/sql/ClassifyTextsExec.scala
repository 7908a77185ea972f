package org.sparklstm.ml.sql

import scala.collection.JavaConverters._

import org.apache.spark.rdd.RDD
import org.apache.spark.sql.catalyst.InternalRow
import org.apache.spark.sql.catalyst.expressions.{Attribute, AttributeSet, BindReferences, GenericInternalRow, JoinedRow, UnsafeProjection}
import org.apache.spark.sql.execution.{SparkPlan, UnaryExecNode}
import org.apache.spark.unsafe.types.UTF8String

/**
 * Runs [[ClassifyTexts]]: each partition's rows are taken [[ClassifyTextsExec.RowsPerChunk]] at a time, their texts
 * scored in minibatches by the executor's copy of each classifier, and every row is given its predictions.
 */
case class ClassifyTextsExec(calls: Seq[ClassifierCall], predictions: Seq[Attribute], child: SparkPlan)
    extends UnaryExecNode {

  override def output: Seq[Attribute] = child.output ++ predictions

  override def producedAttributes: AttributeSet = AttributeSet(predictions)

  override protected def doExecute(): RDD[InternalRow] = {
    val texts = calls.map(call => BindReferences.bindReference(call.child, child.output))
    val models = calls.map(call => (call.modelPath, call.hadoop))
    val schema = output
    child.execute().mapPartitions { rows =>
      val project = UnsafeProjection.create(schema, schema)
      val joined = new JoinedRow
      // the child may reuse its row object: a chunk holds copies
      rows.map(_.copy()).grouped(ClassifyTextsExec.RowsPerChunk).flatMap { chunk =>
        val predicted = texts.zip(models).map { case (text, (path, hadoop)) =>
          val values = chunk.map { row =>
            val value = text.eval(row)
            if (value == null) null else value.toString
          }
          SavedClassifiers.predict(path, hadoop, values.asJava)
        }
        chunk.iterator.zipWithIndex.map { case (row, i) =>
          project(joined(row, new GenericInternalRow(predicted.map(p => UTF8String.fromString(p(i))).toArray[Any])))
        }
      }
    }
  }

  override protected def withNewChildInternal(newChild: SparkPlan): ClassifyTextsExec = copy(child = newChild)
}

object ClassifyTextsExec {

  /** Rows held at once per task: a few of the classifier's minibatches. */
  val RowsPerChunk: Int = 8 * SavedClassifiers.BATCH_SIZE
}

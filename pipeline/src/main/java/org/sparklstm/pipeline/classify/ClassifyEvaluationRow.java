package org.sparklstm.pipeline.classify;

import org.sparklstm.pipeline.io.Column;
import org.sparklstm.pipeline.io.RecordTable;

/**
 * A row of a classifier's {@code evaluation} table, in long format: a metric of a split, for one class
 * (per-class metrics), or one cell of the confusion matrix ({@code classLabel} actual, {@code predictedClass}).
 */
public record ClassifyEvaluationRow(String runId, String split, String metric,
                                    @Column(name = "class", nullable = true) String classLabel,
                                    @Column(nullable = true) String predictedClass, Double value) {

    public static final RecordTable<ClassifyEvaluationRow> TABLE = RecordTable.of(ClassifyEvaluationRow.class);
}

package org.sparklstm.pipeline.classify;

import org.sparklstm.pipeline.io.RecordTable;

/**
 * A row of a classifier's {@code metrics} table: one split of one epoch.
 *
 * @param round    the epoch's last averaging round
 * @param accuracy null for the training split
 */
public record ClassifyMetricsRow(String runId, int epoch, int round, String split, double loss, Double accuracy,
                                 long rows, double seconds) {

    public static final RecordTable<ClassifyMetricsRow> TABLE = RecordTable.of(ClassifyMetricsRow.class);
}

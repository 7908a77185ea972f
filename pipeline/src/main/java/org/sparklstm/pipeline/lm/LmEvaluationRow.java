package org.sparklstm.pipeline.lm;

import org.sparklstm.pipeline.io.RecordTable;

/** The row of {@code evaluate}'s {@code evaluation} table: a saved model scored on every token of a corpus. */
public record LmEvaluationRow(String runId, String modelPath, String inputPath, long tokens, double loss,
                              double perplexity, Double bitsPerChar, double baselineLoss, long quarantinedRecords) {

    public static final RecordTable<LmEvaluationRow> TABLE = RecordTable.of(LmEvaluationRow.class);
}

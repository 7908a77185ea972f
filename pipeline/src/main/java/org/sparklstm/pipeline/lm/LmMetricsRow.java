package org.sparklstm.pipeline.lm;

import org.sparklstm.pipeline.io.RecordTable;

/**
 * A row of a language model's {@code metrics} table: one split of one epoch.
 *
 * @param round       the epoch's last averaging round
 * @param bitsPerChar null unless the model reads characters
 */
public record LmMetricsRow(String runId, int epoch, int round, String split, double loss, double perplexity,
                           Double bitsPerChar, long tokens, double seconds) {

    public static final RecordTable<LmMetricsRow> TABLE = RecordTable.of(LmMetricsRow.class);

    public static LmMetricsRow of(String runId, int epoch, int round, String split, double loss, long tokens,
                                  double seconds, boolean chars) {
        return new LmMetricsRow(runId, epoch, round, split, loss, Math.exp(loss), chars ? loss / Math.log(2) : null,
                tokens, seconds);
    }
}

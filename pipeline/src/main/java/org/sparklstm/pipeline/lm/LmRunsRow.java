package org.sparklstm.pipeline.lm;

import java.time.Instant;
import org.sparklstm.pipeline.io.RecordTable;

/**
 * The row of a language model's {@code runs} table: what the run read, trained and reached.
 *
 * @param untrainedTokens training tokens that are the target of no training window (a stride longer than the windows)
 * @param testTokens the test text's scored tokens; the test columns are null without {@code input.test-path}
 */
public record LmRunsRow(String runId, String task, Instant startTime, Instant endTime, String configJson,
                        long documents, long tokens, int vocabularySize, long quarantinedRecords, long trainWindows,
                        long untrainedTokens, long validationWindows, int epochs, double finalTrainLoss, double finalValidationLoss,
                        double finalValidationPerplexity, Double finalValidationBitsPerChar,
                        double baselineValidationLoss, Long testTokens, Double testLoss, Double testPerplexity,
                        Double testBitsPerChar, Double baselineTestLoss, double trainTokensPerSecond,
                        double driverPeakHeapMb) {

    public static final RecordTable<LmRunsRow> TABLE = RecordTable.of(LmRunsRow.class);
}

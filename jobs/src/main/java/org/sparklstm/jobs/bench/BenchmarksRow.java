package org.sparklstm.jobs.bench;

import org.sparklstm.pipeline.io.Column;
import org.sparklstm.pipeline.io.RecordTable;

/**
 * A row of the {@code benchmarks} table: one case's median training throughput, the validation loss it
 * reached, its overhead and memory, and its speed beside ours ({@code ours_speedup}: ours / this).
 */
record BenchmarksRow(String runId, @Column(name = "case") String caseName, String trainer, int workers,
                     int averagingFrequency, String ompThreads, Double tokensPerSecond, Integer rounds,
                     Long trainingTokens, Double validationLoss, Double overheadShare, Double peakRssMb, Double gflops,
                     Double oursSpeedup, @Column(nullable = true) String error) {

    static final RecordTable<BenchmarksRow> TABLE = RecordTable.of(BenchmarksRow.class);
}

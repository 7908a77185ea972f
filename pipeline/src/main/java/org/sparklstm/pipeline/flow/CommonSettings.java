package org.sparklstm.pipeline.flow;

/** The settings every task's training flow shares: where it reads and writes, the network and the trainer. */
public record CommonSettings(String inputPath, String outputPath, ModelSettings model, TrainingSettings train) {
}

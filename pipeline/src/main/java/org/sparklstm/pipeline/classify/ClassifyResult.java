package org.sparklstm.pipeline.classify;

/** What a finished classification run reports: the kept model's validation and test reports (null where none). */
public record ClassifyResult(String runDirectory, ClassificationReport validation, ClassificationReport test) {
}

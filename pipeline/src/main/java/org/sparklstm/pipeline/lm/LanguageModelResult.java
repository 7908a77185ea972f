package org.sparklstm.pipeline.lm;

import org.sparklstm.pipeline.evaluate.LossSummary;

/** What a finished language-model run reports: its final validation beside the unigram baseline, and a sample. */
public record LanguageModelResult(String runDirectory, LossSummary validation, LossSummary baseline,
                                  double tokensPerSecond, String sample) {
}

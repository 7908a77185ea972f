package org.sparklstm.jobs.cli;

import java.io.PrintStream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.sparklstm.jobs.config.JobConfig;
import org.sparklstm.pipeline.classify.ClassifyFlow;
import org.sparklstm.pipeline.flow.TrainingFlow;
import org.sparklstm.pipeline.forecast.ForecastFlow;
import org.sparklstm.pipeline.lm.LanguageModelFlow;

/** The one place a task becomes its training flow: {@code train}, {@code train --resume} and {@code retrain} ask here. */
final class TrainingFlows {

    private TrainingFlows() {
    }

    static TrainingFlow<?, ?, ?> of(JobConfig config, PrintStream out) {
        return switch (config.task()) {
            case LM -> languageModel(config, out);
            case FORECAST -> new ForecastFlow(config.common(), config.series(), out);
            case CLASSIFY -> new ClassifyFlow(config.common(), config.classify(), out);
        };
    }

    static LanguageModelFlow languageModel(JobConfig config, PrintStream out) {
        return new LanguageModelFlow(config.common(), config.lm(), out);
    }

    /** A language model that starts from {@code initial} (a warm start), or from scratch where it is null. */
    static LanguageModelFlow languageModel(JobConfig config, PrintStream out, MultiLayerNetwork initial) {
        return initial == null ? languageModel(config, out)
                : new LanguageModelFlow(config.common(), config.lm(), out, spec -> initial);
    }
}

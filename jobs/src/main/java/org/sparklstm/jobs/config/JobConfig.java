package org.sparklstm.jobs.config;

import java.time.Duration;
import java.util.List;
import org.sparklstm.pipeline.classify.ClassifySettings;
import org.sparklstm.pipeline.flow.CommonSettings;
import org.sparklstm.pipeline.flow.ModelSettings;
import org.sparklstm.pipeline.flow.Task;
import org.sparklstm.pipeline.flow.TrainingSettings;
import org.sparklstm.pipeline.forecast.ForecastSettings;
import org.sparklstm.pipeline.lm.LanguageModelSettings;
import org.sparklstm.pipeline.lm.Sampling;

/**
 * A validated job configuration, built by {@link ConfigLoader}: the task, the settings every training flow
 * shares, each task's own section (all are checked, whatever the task, so a config fails early and the
 * apply commands can read theirs), and the sections of the other commands.
 *
 * @param resolvedJson every key, resolved: what a run records and {@code train --resume} reloads
 */
public record JobConfig(Task task, CommonSettings common, LanguageModelSettings lm, ForecastSettings series,
                        ClassifySettings classify, Generate generate, Applied evaluate, Applied forecast,
                        Applied predict, Retrain retrain, Spark spark, Bench bench, String resolvedJson) {

    public String inputPath() {
        return common.inputPath();
    }

    public String outputPath() {
        return common.outputPath();
    }

    public ModelSettings model() {
        return common.model();
    }

    public TrainingSettings train() {
        return common.train();
    }

    /** {@code generate}: the model sampled from, and how. */
    public record Generate(String modelPath, Sampling sampling) {
    }

    /** A command that applies a saved model ({@code evaluate}, {@code forecast}, {@code predict}). */
    public record Applied(String modelPath, String outputPath) {
    }

    /**
     * {@code retrain}: a challenger is promoted when its validation loss is below the champion's times
     * {@code 1 - minImprovement}; {@code growVocabulary} appends the new data's tokens to the champion's vocabulary.
     * A second retrain on a registry waits {@code lockWait} for its lock; a lock older than {@code lockStaleAfter}
     * is stale.
     */
    public record Retrain(double minImprovement, boolean growVocabulary, Duration lockWait, Duration lockStaleAfter) {
    }

    public record Spark(String master, String appName) {
    }

    public record Bench(String outputPath, int warmupMinibatches, int minibatches, List<Integer> frequencies,
                        int validationWindows, String python) {
    }
}

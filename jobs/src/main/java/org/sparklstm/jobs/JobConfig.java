package org.sparklstm.jobs;

import org.sparklstm.models.forecast.Strategy;
import org.sparklstm.models.lm.LanguageModelSpec;
import org.sparklstm.models.text.TokenizerSpec;
import org.sparklstm.pipeline.classify.TextColumns;
import org.sparklstm.pipeline.series.SeriesIngest;
import org.sparklstm.pipeline.series.SplitSpec;
import org.sparklstm.pipeline.sequences.WindowSpec;

/**
 * A validated job configuration; {@link ConfigLoader} builds it from HOCON. The recurrent cell is
 * {@code model().cell()}; {@code bidirectional} wraps it for classifiers and forecasters.
 */
public record JobConfig(String task, String inputPath, String outputPath, TokenizerSpec tokenizer, WindowSpec window,
                        LanguageModelSpec model, Train train, Generate generate, Evaluate evaluate, Spark spark,
                        Bench bench, SeriesTask series, Forecast forecast, Classify classify, Embeddings embeddings,
                        Predict predict, boolean bidirectional, String resolvedJson, Retrain retrain) {

    public boolean forecasting() {
        return task.equals("forecast");
    }

    /** The forecasting task's input, windows, targets and split ({@code series.*}). */
    public record SeriesTask(SeriesIngest.Settings ingest, int window, int horizon, Strategy strategy,
                             boolean relative, String normalization, boolean perSeries, int season, SplitSpec split) {
    }

    public record Forecast(String modelPath, String outputPath) {
    }

    /** The classification task's input and sequences ({@code classify.*}). */
    public record Classify(TextColumns columns, String testPath, double validationFraction, int maxLength,
                           boolean keepEnd, String pooling, boolean quarantine) {
    }

    /** Word2Vec initialisation of the embedding layer ({@code embeddings.*}). */
    public record Embeddings(boolean word2vec, String corpusPath, boolean frozen, int minCount, int iterations,
                             int window) {
    }

    public record Predict(String modelPath, String outputPath) {
    }

    /**
     * {@code retrain}: a challenger is promoted when its validation loss is below the champion's times
     * {@code 1 - minImprovement}; {@code growVocabulary} appends the new data's tokens to the champion's vocabulary.
     */
    public record Retrain(double minImprovement, boolean growVocabulary) {
    }

    /** {@code workers} 0 means Spark's default parallelism. */
    public record Train(String trainer, int epochs, int workers, int batchSize, int averagingFrequency,
                        int tbpttLength, long seed, int evalBatchSize, double updateScale, int checkpointEvery) {
    }

    public record Generate(String modelPath, String prompt, int length, double temperature, long seed) {
    }

    public record Evaluate(String modelPath, String outputPath) {
    }

    public record Spark(String master, String appName) {
    }

    public record Bench(String outputPath, int warmupMinibatches, int minibatches, java.util.List<Integer> frequencies,
                        int validationWindows, String python) {
    }
}

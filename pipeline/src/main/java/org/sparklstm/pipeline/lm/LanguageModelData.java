package org.sparklstm.pipeline.lm;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.sparklstm.models.lm.WindowSource;
import org.sparklstm.models.text.TextEncoding;
import org.sparklstm.models.text.TokenizerSpec;
import org.sparklstm.models.text.Vocabulary;
import org.sparklstm.pipeline.evaluate.LossSummary;
import org.sparklstm.pipeline.evaluate.UnigramBaseline;
import org.sparklstm.pipeline.ingest.QuarantineRecord;
import org.sparklstm.pipeline.ingest.QuarantineRow;
import org.sparklstm.pipeline.ingest.TextLine;
import org.sparklstm.pipeline.sequences.TokenStream;
import org.sparklstm.pipeline.sequences.WindowBuilder;
import org.sparklstm.pipeline.sequences.WindowSpec;
import org.sparklstm.pipeline.sequences.WindowStore;
import org.sparklstm.pipeline.sequences.WorkerPartitioner;
import org.sparklstm.pipeline.text.EncodingLearner;
import org.sparklstm.pipeline.text.StreamEncoder;

/**
 * A corpus made ready for a language model: ingest -> text encoding (vocabulary, bpe merges) -> encode -> windows -> one cached
 * block per worker for training and for validation, with the unigram baseline. For stateful training a worker's
 * windows are a contiguous span of the stream; otherwise they are dealt round-robin. Validation is the end of the
 * training stream, or held-out text of its own; held-out test text is made ready the same way.
 *
 * @param untrainedTokens tokens of the training text that are the target of no training window (a stride longer
 *                        than the windows skips text)
 * @param validationText the held-out text that {@code validation} is cut from, where there is one
 * @param test           held-out text scored once after training, where there is one
 */
public record LanguageModelData(Corpus corpus, TextEncoding encoding, long tokens, int workers,
                         JavaRDD<WindowSource> train, JavaRDD<WindowSource> validation, long trainWindows,
                         long untrainedTokens, long validationWindows, long[] trainCounts, LossSummary baseline,
                         Optional<HeldOutText> validationText, Optional<HeldOutText> test) {

    /** @param workers partitions to train on; 0 = Spark's default parallelism */
    public static LanguageModelData prepare(JavaSparkContext sc, LmSources sources, TokenizerSpec tokenizer,
                                     WindowSpec window, int workers, boolean stateful) {
        return prepare(sc, sources, lines -> EncodingLearner.learn(lines, tokenizer), window, workers, stateful,
                WindowStore.MEMORY);
    }

    /**
     * @param encodingOf the text encoding of the training lines: learned from them, or a trained model's own
     *                   (possibly grown by them) for a warm start; held-out text is encoded with it too
     * @param workers    partitions to train on; 0 = Spark's default parallelism
     * @param stateful   each worker's windows are a contiguous span of the stream
     * @param store      where the workers keep their windows: in memory, or in files read a minibatch at a time
     */
    public static LanguageModelData prepare(JavaSparkContext sc, LmSources sources,
                                     Function<JavaRDD<TextLine>, TextEncoding> encodingOf, WindowSpec window,
                                     int workers, boolean stateful, WindowStore store) {
        sc.setJobDescription("ingest and tokenize");
        Corpus corpus = Corpus.read(sc, sources.train(), store.cache(StorageLevel.MEMORY_AND_DISK_SER()));
        return prepare(sc, corpus, sources.validation(), sources.test(), encodingOf, window, workers, stateful, store);
    }

    /**
     * Prepares a training corpus already read (a DataFrame's texts, for the Spark ML estimator), with held-out
     * files where given; otherwise as {@link #prepare(JavaSparkContext, LmSources, Function, WindowSpec, int,
     * boolean, WindowStore)}.
     */
    public static LanguageModelData prepare(JavaSparkContext sc, Corpus corpus, Optional<TextSource> validationSource,
                                            Optional<TextSource> testSource,
                                            Function<JavaRDD<TextLine>, TextEncoding> encodingOf, WindowSpec window,
                                            int workers, boolean stateful, WindowStore store) {
        TextEncoding encoding = encodingOf.apply(corpus.lines());
        TokenStream stream = StreamEncoder.encode(corpus.lines(), encoding,
                store.cache(StorageLevel.MEMORY_AND_DISK()));
        int n = workers > 0 ? workers : sc.defaultParallelism();
        int windowTokens = window.windowTokens();
        // with held-out validation text the whole stream trains; else its end is the validation split
        JavaRDD<WindowSource> train;
        JavaRDD<WindowSource> validation = null;
        if (validationSource.isPresent()) {
            train = WorkerPartitioner.blocks(WindowBuilder.training(stream, window), n, windowTokens, stateful,
                    store.forSet("train"));
        } else {
            WindowBuilder.Split split = WindowBuilder.build(stream, window);
            train = WorkerPartitioner.blocks(split.train(), n, windowTokens, stateful, store.forSet("train"));
            validation = WorkerPartitioner.blocks(split.validation(), n, windowTokens, stateful,
                    store.forSet("validation"));
        }
        int v = encoding.vocabulary().size();
        long[] trainCounts = UnigramBaseline.targetCounts(train, v);
        Optional<HeldOutText> validationText = validationSource
                .map(s -> HeldOutText.read(sc, s, encoding, window.length(), n, stateful, store.forSet("validation"),
                        trainCounts));
        Optional<HeldOutText> test = testSource
                .map(s -> HeldOutText.read(sc, s, encoding, window.length(), n, stateful, store.forSet("test"),
                        trainCounts));
        if (validationText.isPresent()) {
            validation = validationText.get().blocks();
        }
        long trainWindows = train.map(WindowSource::size).reduce(Integer::sum);
        long trainedStretch = validationSource.isPresent() ? stream.length() : WindowBuilder.boundary(stream, window);
        long untrainedTokens = window.targetsInNoWindow(trainedStretch, trainWindows);
        long validationWindows = validation.map(WindowSource::size).reduce(Integer::sum);
        LossSummary baseline = UnigramBaseline.crossEntropy(trainCounts, UnigramBaseline.targetCounts(validation, v));
        // the blocks are cached now; the stream is no longer needed
        stream.chunks().unpersist(false);
        sc.setJobDescription(null);
        return new LanguageModelData(corpus, encoding, stream.length(), n, train, validation, trainWindows,
                untrainedTokens, validationWindows, trainCounts, baseline, validationText, test);
    }

    public Vocabulary vocabulary() {
        return encoding.vocabulary();
    }

    /** The training corpus, then the held-out ones. */
    public List<Corpus> corpora() {
        List<Corpus> all = new ArrayList<>(List.of(corpus));
        validationText.ifPresent(t -> all.add(t.corpus()));
        test.ifPresent(t -> all.add(t.corpus()));
        return all;
    }

    /** Records quarantined from every corpus read. */
    public long quarantined() {
        return corpora().stream().mapToLong(Corpus::quarantined).sum();
    }

    /** Writes the records quarantined from every corpus read as the run's {@code quarantine} table. */
    public void writeQuarantine(SparkSession spark, String runId, String path) {
        JavaRDD<QuarantineRecord> records = corpora().stream().map(c -> c.ingested().quarantine())
                .reduce(JavaRDD::union).orElseThrow();
        QuarantineRow.write(spark, runId, records, path);
    }

    /** Frees every corpus's parsed lines once the blocks are cached. */
    public void releaseIngested() {
        corpora().forEach(c -> c.ingested().release());
    }
}

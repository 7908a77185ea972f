package org.sparklstm.pipeline.lm;

import java.util.List;
import java.util.function.Function;
import org.apache.hadoop.fs.FileStatus;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.sparklstm.models.lm.SequenceBlock;
import org.sparklstm.models.text.TextEncoding;
import org.sparklstm.models.text.TokenizerSpec;
import org.sparklstm.models.text.Vocabulary;
import org.sparklstm.pipeline.evaluate.LossSummary;
import org.sparklstm.pipeline.evaluate.UnigramBaseline;
import org.sparklstm.pipeline.ingest.TextLine;
import org.sparklstm.pipeline.sequences.TokenStream;
import org.sparklstm.pipeline.sequences.WindowBuilder;
import org.sparklstm.pipeline.sequences.WindowSpec;
import org.sparklstm.pipeline.sequences.WorkerPartitioner;
import org.sparklstm.pipeline.text.EncodingLearner;
import org.sparklstm.pipeline.text.StreamEncoder;

/**
 * A corpus made ready for a language model: ingest -> text encoding (vocabulary, bpe merges) -> encode -> windows -> one cached
 * block per worker for training and for validation, with the unigram baseline. For stateful training a worker's
 * windows are a contiguous span of the stream; otherwise they are dealt round-robin.
 */
public record LanguageModelData(Corpus corpus, TextEncoding encoding, long tokens, int workers,
                         JavaRDD<SequenceBlock> train, JavaRDD<SequenceBlock> validation, long trainWindows,
                         long validationWindows, long[] trainCounts, LossSummary baseline) {

    /** @param workers partitions to train on; 0 = Spark's default parallelism */
    public static LanguageModelData prepare(JavaSparkContext sc, List<FileStatus> files, String inputPath,
                                     TokenizerSpec tokenizer, WindowSpec window, int workers, boolean stateful) {
        return prepare(sc, files, inputPath, lines -> EncodingLearner.learn(lines, tokenizer), window, workers,
                stateful);
    }

    /**
     * @param encodingOf the text encoding of the corpus's lines: learned from them, or a trained model's own
     *                   (possibly grown by them) for a warm start
     * @param workers    partitions to train on; 0 = Spark's default parallelism
     * @param stateful   each worker's windows are a contiguous span of the stream
     */
    public static LanguageModelData prepare(JavaSparkContext sc, List<FileStatus> files, String inputPath,
                                     Function<JavaRDD<TextLine>, TextEncoding> encodingOf, WindowSpec window,
                                     int workers, boolean stateful) {
        sc.setJobDescription("ingest and tokenize");
        Corpus corpus = Corpus.read(sc, files, inputPath);
        TextEncoding encoding = encodingOf.apply(corpus.lines());
        TokenStream stream = StreamEncoder.encode(corpus.lines(), encoding);
        WindowBuilder.Split split = WindowBuilder.build(stream, window);
        if (workers <= 0) {
            workers = sc.defaultParallelism();
        }
        int windowTokens = window.windowTokens();
        JavaRDD<SequenceBlock> train = WorkerPartitioner.blocks(split.train(), workers, windowTokens, stateful);
        JavaRDD<SequenceBlock> validation = WorkerPartitioner.blocks(split.validation(), workers, windowTokens,
                stateful);
        long trainWindows = train.map(SequenceBlock::size).reduce(Integer::sum);
        long validationWindows = validation.map(SequenceBlock::size).reduce(Integer::sum);
        int v = encoding.vocabulary().size();
        long[] trainCounts = UnigramBaseline.targetCounts(train, v);
        LossSummary baseline = UnigramBaseline.crossEntropy(trainCounts, UnigramBaseline.targetCounts(validation, v));
        // the blocks are cached now; the stream is no longer needed
        stream.chunks().unpersist(false);
        sc.setJobDescription(null);
        return new LanguageModelData(corpus, encoding, stream.length(), workers, train, validation, trainWindows,
                validationWindows, trainCounts, baseline);
    }

    public Vocabulary vocabulary() {
        return encoding.vocabulary();
    }
}

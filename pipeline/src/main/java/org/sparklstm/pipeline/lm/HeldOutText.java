package org.sparklstm.pipeline.lm;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;
import org.sparklstm.models.lm.WindowSource;
import org.sparklstm.models.text.TextEncoding;
import org.sparklstm.pipeline.evaluate.LossSummary;
import org.sparklstm.pipeline.evaluate.UnigramBaseline;
import org.sparklstm.pipeline.sequences.TokenStream;
import org.sparklstm.pipeline.sequences.WindowBuilder;
import org.sparklstm.pipeline.sequences.WindowStore;
import org.sparklstm.pipeline.sequences.WorkerPartitioner;
import org.sparklstm.pipeline.text.StreamEncoder;

/**
 * Held-out text a language model is scored on and never trains on: its corpus (for the quarantine), its token
 * count, its non-overlapping windows as cached worker blocks (laid out as validation's are, so stateful scoring
 * carries the state over its stream), and the unigram baseline of the training targets on its targets.
 */
public record HeldOutText(TextSource source, Corpus corpus, long tokens, JavaRDD<WindowSource> blocks,
                          long windows, LossSummary baseline) {

    /**
     * Ingests the text as training text is (the same quarantine) and encodes it with the training text's
     * encoding, so that tokens training never saw are {@code <unk>}.
     */
    static HeldOutText read(JavaSparkContext sc, TextSource source, TextEncoding encoding, int length, int workers,
                            boolean stateful, WindowStore store, long[] trainCounts) {
        Corpus corpus = Corpus.read(sc, source, store.cache(StorageLevel.MEMORY_AND_DISK_SER()));
        TokenStream stream = StreamEncoder.encode(corpus.lines(), encoding,
                store.cache(StorageLevel.MEMORY_AND_DISK()));
        if (stream.length() < length + 1) {
            throw new IllegalArgumentException(source.key() + ": '" + source.path() + "' has " + stream.length()
                    + " tokens: too few for one window of " + (length + 1) + " tokens (sequence.length " + length
                    + " + 1)");
        }
        JavaRDD<WindowSource> blocks = WorkerPartitioner.blocks(WindowBuilder.whole(stream, length), workers,
                length + 1, stateful, store);
        long windows = blocks.map(WindowSource::size).reduce(Integer::sum);
        LossSummary baseline = UnigramBaseline.crossEntropy(trainCounts,
                UnigramBaseline.targetCounts(blocks, encoding.vocabulary().size()));
        // the blocks are cached now; the stream is no longer needed
        stream.chunks().unpersist(false);
        return new HeldOutText(source, corpus, stream.length(), blocks, windows, baseline);
    }
}

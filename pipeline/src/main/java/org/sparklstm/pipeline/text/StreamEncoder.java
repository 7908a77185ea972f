package org.sparklstm.pipeline.text;

import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import org.sparklstm.models.text.TextEncoding;
import org.sparklstm.models.text.TokenizerSpec;
import org.sparklstm.models.text.Vocabulary;
import org.sparklstm.pipeline.ingest.TextLine;
import org.sparklstm.pipeline.sequences.TokenStream;

/**
 * Turns lines into token ids, one compact int array per partition, keeping corpus order; an
 * {@code <eos>} id precedes every document so documents stay apart.
 */
public final class StreamEncoder {

    private StreamEncoder() {
    }

    /** A char or word stream. */
    public static TokenStream encode(JavaRDD<TextLine> lines, Vocabulary vocabulary, TokenizerSpec spec) {
        return encode(lines, TextEncoding.of(spec, vocabulary));
    }

    public static TokenStream encode(JavaRDD<TextLine> lines, TextEncoding encoding) {
        return encode(lines, encoding, StorageLevel.MEMORY_AND_DISK());
    }

    /** @param level how the stream is cached while windows are cut from it */
    public static TokenStream encode(JavaRDD<TextLine> lines, TextEncoding encoding, StorageLevel level) {
        // one copy per executor, so a bpe tokenizer's word cache is shared by the executor's tasks
        Broadcast<TextEncoding> shared = JavaSparkContext.fromSparkContext(lines.context()).broadcast(encoding);
        JavaRDD<int[]> chunks = lines.mapPartitions(it -> {
            TextEncoding e = shared.value();
            IntBuffer ids = new IntBuffer();
            it.forEachRemaining(line -> {
                if (line.startsDocument()) {
                    ids.add(Vocabulary.EOS_ID);
                }
                e.encode(line.text(), ids::add);
            });
            return List.of(ids.toArray()).iterator();
        });
        return TokenStream.of(chunks, level);
    }
}

package org.sparklstm.pipeline.text;

import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.sparklstm.models.Tokenizer;
import org.sparklstm.models.TokenizerSpec;
import org.sparklstm.models.Vocabulary;
import org.sparklstm.pipeline.ingest.TextLine;
import org.sparklstm.pipeline.sequences.TokenStream;

/**
 * Turns lines into token ids, one compact int array per partition, keeping corpus order; an
 * {@code <eos>} id precedes every document so documents stay apart.
 */
public final class StreamEncoder {

    private StreamEncoder() {
    }

    public static TokenStream encode(JavaRDD<TextLine> lines, Vocabulary vocabulary, TokenizerSpec spec) {
        Tokenizer tokenizer = spec.tokenizer();
        Broadcast<Vocabulary> vocab = JavaSparkContext.fromSparkContext(lines.context()).broadcast(vocabulary);
        JavaRDD<int[]> chunks = lines.mapPartitions(it -> {
            Vocabulary v = vocab.value();
            IntBuffer ids = new IntBuffer();
            it.forEachRemaining(line -> {
                if (line.startsDocument()) {
                    ids.add(Vocabulary.EOS_ID);
                }
                tokenizer.encode(line.text(), v, ids::add);
            });
            return List.of(ids.toArray()).iterator();
        });
        return TokenStream.of(chunks);
    }
}

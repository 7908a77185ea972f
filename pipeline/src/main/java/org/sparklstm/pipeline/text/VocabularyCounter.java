package org.sparklstm.pipeline.text;

import java.util.HashMap;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.sparklstm.models.TokenizerSpec;
import org.sparklstm.models.Tokenizer;
import org.sparklstm.models.Vocabulary;
import org.sparklstm.pipeline.ingest.TextLine;
import scala.Tuple2;

/**
 * Counts tokens on the executors (per-partition maps, then reduceByKey) and brings only the distinct
 * tokens that pass {@code minCount} to the driver.
 */
public final class VocabularyCounter {

    private VocabularyCounter() {
    }

    public static Vocabulary fit(JavaRDD<TextLine> lines, TokenizerSpec spec) {
        Tokenizer tokenizer = spec.tokenizer();
        int minCount = spec.minCount();
        Map<String, Long> counts = new HashMap<>(lines
                .mapPartitionsToPair(it -> {
                    Map<String, Long> local = new HashMap<>();
                    it.forEachRemaining(line -> {
                        if (line.startsDocument()) {
                            local.merge(Vocabulary.EOS, 1L, Long::sum);
                        }
                        for (String t : tokenizer.tokenize(line.text())) {
                            local.merge(t, 1L, Long::sum);
                        }
                    });
                    return local.entrySet().stream().map(e -> new Tuple2<>(e.getKey(), e.getValue())).iterator();
                })
                .reduceByKey(Long::sum)
                .filter(t -> t._2() >= minCount)
                .collectAsMap());
        return Vocabulary.fromCounts(counts, spec.maxVocabulary(), minCount);
    }
}

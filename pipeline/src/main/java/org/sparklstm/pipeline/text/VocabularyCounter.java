package org.sparklstm.pipeline.text;

import java.util.HashMap;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.sparklstm.models.text.LineEnd;
import org.sparklstm.models.text.TokenizerSpec;
import org.sparklstm.models.text.Vocabulary;
import org.sparklstm.models.text.WordTokenizer;
import org.sparklstm.pipeline.ingest.TextLine;
import scala.Tuple2;

/**
 * Counts tokens on the executors (per-partition maps, then reduceByKey) and brings only the distinct
 * tokens that pass {@code minCount} to the driver.
 */
public final class VocabularyCounter {

    private VocabularyCounter() {
    }

    /** The vocabulary of a char or word spec. */
    public static Vocabulary fit(JavaRDD<TextLine> lines, TokenizerSpec spec) {
        return Vocabulary.fromCounts(counts(lines, spec), spec.maxVocabulary(), spec.minCount());
    }

    /**
     * The distinct tokens seen at least {@code minCount} times, with their counts: code points for char,
     * the pattern's words for word and bpe (the words bpe splits) and, for char and word with
     * {@link LineEnd#NEWLINE_TOKEN}, a newline per line ({@code <eos>} needs no count: it is always id 1).
     */
    public static Map<String, Long> counts(JavaRDD<TextLine> lines, TokenizerSpec spec) {
        WordTokenizer words = spec.words();
        int minCount = spec.minCount();
        boolean chars = spec.isChar();
        // bpe's newline is no word to split: its learner holds it whole
        boolean newlines = spec.lineEnd() == LineEnd.NEWLINE_TOKEN && !spec.isBpe();
        return new HashMap<>(lines
                .mapPartitionsToPair(it -> {
                    Map<String, Long> local = chars ? countCodePoints(it, newlines) : countWords(it, words, newlines);
                    return local.entrySet().stream().map(e -> new Tuple2<>(e.getKey(), e.getValue())).iterator();
                })
                .reduceByKey(Long::sum)
                .filter(t -> t._2() >= minCount)
                .collectAsMap());
    }

    /** Word counts with one mutable counter per distinct word, not a boxed Long per occurrence. */
    private static Map<String, Long> countWords(java.util.Iterator<TextLine> lines, WordTokenizer tokenizer,
                                                boolean newlines) {
        Map<String, long[]> counters = new HashMap<>();
        long lineCount = 0;
        while (lines.hasNext()) {
            tokenizer.forEachToken(lines.next().text(), t -> counters.computeIfAbsent(t, k -> new long[1])[0]++);
            lineCount++;
        }
        Map<String, Long> counts = new HashMap<>(counters.size() * 2);
        counters.forEach((t, c) -> counts.put(t, c[0]));
        if (newlines && lineCount > 0) {
            counts.merge(LineEnd.NEWLINE, lineCount, Long::sum);
        }
        return counts;
    }

    /** Character counts without a string per character: an array for the BMP, a map beyond it. */
    private static Map<String, Long> countCodePoints(java.util.Iterator<TextLine> lines, boolean newlines) {
        long[] bmp = new long[0x10000];
        Map<String, Long> counts = new HashMap<>();
        while (lines.hasNext()) {
            String text = lines.next().text();
            for (int i = 0; i < text.length(); ) {
                int cp = text.codePointAt(i);
                if (cp < 0x10000) {
                    bmp[cp]++;
                } else {
                    counts.merge(new String(Character.toChars(cp)), 1L, Long::sum);
                }
                i += Character.charCount(cp);
            }
            if (newlines) {
                bmp['\n']++;
            }
        }
        for (int c = 0; c < bmp.length; c++) {
            if (bmp[c] > 0) {
                counts.put(String.valueOf((char) c), bmp[c]);
            }
        }
        return counts;
    }
}

package org.sparklstm.pipeline.evaluate;

import org.apache.spark.api.java.JavaRDD;
import org.sparklstm.models.lm.SequenceBlock;
import org.sparklstm.models.lm.WindowSource;

/**
 * The baseline a language model must beat: a unigram distribution fitted on the training targets
 * (add-one smoothed so unseen tokens keep a finite cost), scored on the validation targets.
 */
public final class UnigramBaseline {

    /** Windows counted per read. */
    private static final int SLICE = 4096;

    private UnigramBaseline() {
    }

    public static LossSummary evaluate(JavaRDD<? extends WindowSource> train, JavaRDD<? extends WindowSource> validation,
                                       int vocabularySize) {
        return crossEntropy(targetCounts(train, vocabularySize), targetCounts(validation, vocabularySize));
    }

    public static long[] targetCounts(JavaRDD<? extends WindowSource> blocks, int vocabularySize) {
        return blocks.aggregate(new long[vocabularySize], (counts, source) -> {
            // a slice at a time: the windows may be on disk and larger than memory
            for (int from = 0; from < source.size(); from += SLICE) {
                SequenceBlock slice = source.read(from, Math.min(source.size(), from + SLICE));
                for (int w = 0; w < slice.size(); w++) {
                    for (int t = 1; t < slice.windowLength(); t++) {
                        counts[slice.token(w, t)]++;
                    }
                }
            }
            return counts;
        }, (a, b) -> {
            for (int i = 0; i < a.length; i++) {
                a[i] += b[i];
            }
            return a;
        });
    }

    public static LossSummary crossEntropy(long[] trainCounts, long[] validationCounts) {
        long trainTotal = 0;
        for (long c : trainCounts) {
            trainTotal += c;
        }
        double denominator = trainTotal + trainCounts.length;
        double nll = 0;
        long tokens = 0;
        for (int i = 0; i < validationCounts.length; i++) {
            if (validationCounts[i] > 0) {
                nll -= validationCounts[i] * Math.log((trainCounts[i] + 1) / denominator);
                tokens += validationCounts[i];
            }
        }
        return new LossSummary(nll, tokens);
    }
}

package org.sparklstm.pipeline.evaluate;

import org.apache.spark.api.java.JavaRDD;
import org.sparklstm.models.lm.SequenceBlock;

/**
 * The baseline a language model must beat: a unigram distribution fitted on the training targets
 * (add-one smoothed so unseen tokens keep a finite cost), scored on the validation targets.
 */
public final class UnigramBaseline {

    private UnigramBaseline() {
    }

    public static LossSummary evaluate(JavaRDD<SequenceBlock> train, JavaRDD<SequenceBlock> validation,
                                       int vocabularySize) {
        return crossEntropy(targetCounts(train, vocabularySize), targetCounts(validation, vocabularySize));
    }

    public static long[] targetCounts(JavaRDD<SequenceBlock> blocks, int vocabularySize) {
        return blocks.aggregate(new long[vocabularySize], (counts, block) -> {
            for (int w = 0; w < block.size(); w++) {
                for (int t = 1; t < block.windowLength(); t++) {
                    counts[block.token(w, t)]++;
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

package org.sparklstm.models.output;

import java.util.SplittableRandom;

/**
 * Draws distinct token ids from the log-uniform (Zipfian) distribution {@code P(c) = log((c+2)/(c+1)) / log(V+1)},
 * which suits vocabularies whose ids are sorted by descending frequency, as ours are. Drawing stops at {@code k}
 * distinct ids; {@link #logExpectedCount} is then each id's log expected count in that many draws, the correction
 * that makes the sampled softmax's logits an estimate of the full softmax's (TensorFlow's
 * {@code log_uniform_candidate_sampler} with {@code unique = true}).
 */
final class LogUniformSampler {

    private final int vocabularySize;
    private final double logRange;

    LogUniformSampler(int vocabularySize) {
        this.vocabularySize = vocabularySize;
        this.logRange = Math.log(vocabularySize + 1.0);
    }

    /** The ids drawn, in order of first draw, and how many draws it took to find them. */
    record Draw(int[] ids, long tries) {
    }

    Draw draw(int k, SplittableRandom random) {
        if (k >= vocabularySize) {
            throw new IllegalArgumentException(k + " distinct samples from a vocabulary of " + vocabularySize);
        }
        boolean[] seen = new boolean[vocabularySize];
        int[] ids = new int[k];
        int found = 0;
        long tries = 0;
        while (found < k) {
            int id = (int) Math.min(vocabularySize - 1, (long) Math.exp(random.nextDouble() * logRange) - 1);
            tries++;
            if (!seen[id]) {
                seen[id] = true;
                ids[found++] = id;
            }
        }
        return new Draw(ids, tries);
    }

    double probability(int id) {
        return (Math.log(id + 2.0) - Math.log(id + 1.0)) / logRange;
    }

    /** log of the expected number of times {@code id} appears in {@code tries} draws. */
    double logExpectedCount(int id, long tries) {
        return Math.log(-Math.expm1(tries * Math.log1p(-probability(id))));
    }
}

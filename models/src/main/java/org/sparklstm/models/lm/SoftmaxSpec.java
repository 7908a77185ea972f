package org.sparklstm.models.lm;

import java.io.Serializable;
import java.util.List;

/**
 * How a language model's softmax over the vocabulary is trained. Whatever the choice, perplexity is always scored and
 * text generated from an exact distribution over the whole vocabulary.
 *
 * @param kind    full, sampled or adaptive
 * @param samples negatives per training minibatch of a sampled softmax (0 otherwise)
 * @param cutoffs where the adaptive softmax's head and each cluster end, rising ids (empty otherwise)
 */
public record SoftmaxSpec(Kind kind, int samples, List<Integer> cutoffs) implements Serializable {

    /** The training softmaxes, with their configuration names ({@code model.softmax}). */
    public enum Kind {
        /** The exact softmax over every id at every step. */
        FULL,
        /** Its own target and {@code samples} log-uniform negatives per row (Jean et al. 2015). */
        SAMPLED,
        /** A frequent-word head and clusters of rarer ids (Grave et al. 2017): exact, and cheap when ids are sorted by frequency. */
        ADAPTIVE
    }

    public static final SoftmaxSpec FULL = new SoftmaxSpec(Kind.FULL, 0, List.of());

    public SoftmaxSpec {
        cutoffs = List.copyOf(cutoffs);
        if ((kind == Kind.SAMPLED) != (samples > 0)) {
            throw new IllegalArgumentException("model.softmax-samples: " + samples + " must be > 0 for a sampled "
                    + "softmax and 0 otherwise");
        }
        if ((kind == Kind.ADAPTIVE) != !cutoffs.isEmpty()) {
            throw new IllegalArgumentException("model.softmax-cutoffs: " + cutoffs + " must be given for an "
                    + "adaptive softmax and only then");
        }
        for (int i = 0; i < cutoffs.size(); i++) {
            if (cutoffs.get(i) <= (i == 0 ? 0 : cutoffs.get(i - 1))) {
                throw new IllegalArgumentException("model.softmax-cutoffs: " + cutoffs + " must rise strictly from"
                        + " a first cutoff > 0");
            }
        }
    }

    public static SoftmaxSpec sampled(int samples) {
        return new SoftmaxSpec(Kind.SAMPLED, samples, List.of());
    }

    public static SoftmaxSpec adaptive(List<Integer> cutoffs) {
        return new SoftmaxSpec(Kind.ADAPTIVE, 0, cutoffs);
    }

    /** Checks the cutoffs against the vocabulary they split: each must lie below its size. */
    void checkVocabulary(int vocabularySize) {
        if (!cutoffs.isEmpty() && cutoffs.get(cutoffs.size() - 1) >= vocabularySize) {
            throw new IllegalArgumentException("model.softmax-cutoffs: " + cutoffs + " must each lie below the "
                    + "vocabulary's size, " + vocabularySize + " ids (lower them, or raise tokenizer.max-vocabulary)");
        }
    }

    int[] cutoffArray() {
        return cutoffs.stream().mapToInt(Integer::intValue).toArray();
    }
}

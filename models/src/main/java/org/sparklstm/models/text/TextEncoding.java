package org.sparklstm.models.text;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Everything a run learned about turning text into ids, and back: the tokenizer settings, the vocabulary
 * and, for {@code bpe}, the merges. The one way text becomes ids, whatever the tokenizer type: language
 * models, evaluation, generation and classifiers all go through {@link #encode(String)} or
 * {@link #encode(String, IntConsumer)}. Serializable, to be broadcast to the executors.
 */
public final class TextEncoding implements Serializable {

    private final TokenizerSpec spec;
    private final Vocabulary vocabulary;
    private final BpeMerges merges;
    private transient Tokenizer tokenizer;

    public TextEncoding(TokenizerSpec spec, Vocabulary vocabulary, BpeMerges merges) {
        if (!spec.isBpe() && merges.size() > 0) {
            throw new IllegalArgumentException("merges are for tokenizer.type bpe, not " + spec.type());
        }
        this.spec = spec;
        this.vocabulary = vocabulary;
        this.merges = merges;
    }

    /** A char or word encoding: nothing is learned beyond the vocabulary. */
    public static TextEncoding of(TokenizerSpec spec, Vocabulary vocabulary) {
        if (spec.isBpe()) {
            throw new IllegalArgumentException("a bpe encoding needs its learned merges");
        }
        return new TextEncoding(spec, vocabulary, BpeMerges.none());
    }

    public TokenizerSpec spec() {
        return spec;
    }

    public Vocabulary vocabulary() {
        return vocabulary;
    }

    public BpeMerges merges() {
        return merges;
    }

    /** Emits the ids of one line of text, as the model saw lines in training: its tokens, then its line end. */
    public void encode(String line, IntConsumer ids) {
        tokenizer().encode(line, vocabulary, ids);
        spec.lineEnd().token().ifPresent(t -> ids.accept(vocabulary.id(t)));
    }

    /** The ids of a text, encoded as one line of a corpus; unknown tokens are {@code Vocabulary.UNK_ID}. */
    public int[] encode(String text) {
        IntList ids = new IntList();
        encode(text, ids::add);
        return ids.toArray();
    }

    /** The tokens of a line as {@link #encode(String, IntConsumer)} sees them, its line end's token included. */
    public List<String> tokens(String line) {
        List<String> tokens = new ArrayList<>(tokenizer().tokenize(line));
        spec.lineEnd().token().ifPresent(tokens::add);
        return tokens;
    }

    /** The tokens of a text without a line end: a prompt to continue. */
    public List<String> promptTokens(String text) {
        return tokenizer().tokenize(text);
    }

    /** Text from tokens: char concatenates, word puts spaces between, bpe restores words from subwords. */
    public String join(List<String> tokens) {
        return tokenizer().join(tokens);
    }

    public Tokenizer tokenizer() {
        if (tokenizer == null) {
            tokenizer = spec.isBpe() ? new BpeTokenizer(spec.words(), merges) : spec.tokenizer();
        }
        return tokenizer;
    }

    /** A growable int array, so encoding never boxes ids. */
    private static final class IntList {
        private int[] data = new int[64];
        private int size;

        void add(int v) {
            if (size == data.length) {
                data = java.util.Arrays.copyOf(data, size * 2);
            }
            data[size++] = v;
        }

        int[] toArray() {
            return java.util.Arrays.copyOf(data, size);
        }
    }
}

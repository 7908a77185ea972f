package org.sparklstm.models.output;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sparklstm.models.lm.LanguageModelSpec;
import org.sparklstm.models.lm.NetworkFactory;
import org.sparklstm.models.lm.SequenceBlock;
import org.sparklstm.models.lm.SequenceScorer;
import org.sparklstm.models.lm.SoftmaxSpec;
import org.sparklstm.models.nn.RecurrentCell;
import org.sparklstm.models.text.Vocabulary;
import org.sparklstm.models.text.WordTokenizer;
import org.sparklstm.models.train.MinibatchFitter;
import org.sparklstm.models.train.MinibatchPlan;

/** Every softmax option trains a small word model on real text to below the unigram baseline, scored exactly. */
class SoftmaxOptionsTest {

    private static final int WINDOW = 21;
    private static SequenceBlock train;
    private static SequenceBlock validation;
    private static Vocabulary vocabulary;
    private static double unigramLoss;

    /** The first 30,000 lowercased words of Persuasion, a 400-id vocabulary, the last tenth held out. */
    @BeforeAll
    static void readText() throws IOException {
        WordTokenizer words = new WordTokenizer("\\w+|[^\\w\\s]", true);
        List<String> tokens = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("..", "data-samples", "austen-persuasion.txt"))) {
            if (tokens.size() < 30_000) {
                tokens.addAll(words.tokenize(line));
            }
        }
        int boundary = tokens.size() * 9 / 10;
        Map<String, Long> counts = new HashMap<>();
        tokens.subList(0, boundary).forEach(t -> counts.merge(t, 1L, Long::sum));
        vocabulary = Vocabulary.fromCounts(counts, 400, 1);
        int[] ids = vocabulary.encode(tokens);
        train = windows(ids, 0, boundary);
        validation = windows(ids, boundary, ids.length);
        unigramLoss = unigram(train, validation);
    }

    @ParameterizedTest(name = "{0} softmax, tied {1}")
    @CsvSource({"FULL, false", "SAMPLED, false", "ADAPTIVE, false", "FULL, true", "SAMPLED, true", "ADAPTIVE, true"})
    void trainsBelowTheUnigramBaseline(SoftmaxSpec.Kind kind, boolean tied) {
        MultiLayerNetwork net = NetworkFactory.create(new LanguageModelSpec(vocabulary.size(), 32, 1, 32, 0.0, 0.01,
                5.0, 0, 7, RecurrentCell.LSTM, softmax(kind), tied));
        for (int epoch = 0; epoch < 3; epoch++) {
            MinibatchPlan plan = MinibatchPlan.shuffled(train.size(), 16, 7, epoch, 0);
            MinibatchFitter.fit(net, train, plan, 0, plan.size(), vocabulary.size(), 0, epoch);
        }
        double[] scored = SequenceScorer.score(net, validation, 32, vocabulary.size());
        double loss = scored[0] / scored[1];
        assertTrue(loss < unigramLoss, "validation loss " + loss + " against the unigram's " + unigramLoss);
    }

    /** 64 negatives of 400 ids; or a head of 50 ids and clusters of 150 and 200. */
    static SoftmaxSpec softmax(SoftmaxSpec.Kind kind) {
        return switch (kind) {
            case FULL -> SoftmaxSpec.FULL;
            case SAMPLED -> SoftmaxSpec.sampled(64);
            case ADAPTIVE -> SoftmaxSpec.adaptive(List.of(50, 200));
        };
    }

    private static SequenceBlock windows(int[] ids, int from, int to) {
        List<int[]> out = new ArrayList<>();
        for (int s = from; s + WINDOW <= to; s += WINDOW - 1) {
            int[] w = new int[WINDOW];
            System.arraycopy(ids, s, w, 0, WINDOW);
            out.add(w);
        }
        return SequenceBlock.of(WINDOW, out);
    }

    /** Cross-entropy of the validation targets under the training targets' add-one unigram. */
    private static double unigram(SequenceBlock trainWindows, SequenceBlock heldOut) {
        long[] counts = new long[vocabulary.size()];
        long total = 0;
        for (int w = 0; w < trainWindows.size(); w++) {
            for (int t = 1; t < WINDOW; t++) {
                counts[trainWindows.token(w, t)]++;
                total++;
            }
        }
        double loss = 0;
        long n = 0;
        for (int w = 0; w < heldOut.size(); w++) {
            for (int t = 1; t < WINDOW; t++) {
                loss -= Math.log((counts[heldOut.token(w, t)] + 1.0) / (total + counts.length));
                n++;
            }
        }
        return loss / n;
    }
}

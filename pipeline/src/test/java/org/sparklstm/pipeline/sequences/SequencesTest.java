package org.sparklstm.pipeline.sequences;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaRDD;
import org.junit.jupiter.api.Test;
import org.sparklstm.models.lm.SequenceBlock;
import org.sparklstm.models.text.BpeLearner;
import org.sparklstm.models.text.TextEncoding;
import org.sparklstm.models.text.TokenizerSpec;
import org.sparklstm.models.text.Vocabulary;
import org.sparklstm.pipeline.SparkTestSupport;
import org.sparklstm.pipeline.ingest.TextLine;
import org.sparklstm.pipeline.text.EncodingLearner;
import org.sparklstm.pipeline.text.StreamEncoder;
import org.sparklstm.pipeline.text.VocabularyCounter;

class SequencesTest extends SparkTestSupport {


    /** Two documents over three partitions; the second partition starts mid-document. */
    private JavaRDD<TextLine> lines() {
        return sc.parallelize(List.of(
                new TextLine("a", 0, "abba", true), new TextLine("a", 5, "ab", false),
                new TextLine("b", 0, "ca", true)), 3);
    }

    @Test
    void charVocabularyIsCountedOnExecutorsAndStreamKeepsOrder() {
        Vocabulary v = VocabularyCounter.fit(lines(), TokenizerSpec.chars());
        // counts: a=4, b=3, \n=3, <eos>=2 (special), c=1
        assertEquals(List.of("<unk>", "<eos>", "a", "\n", "b", "c"), v.tokens());
        TokenStream stream = StreamEncoder.encode(lines(), v, TokenizerSpec.chars());
        int[] all = stream.chunks().collect().stream().flatMapToInt(Arrays::stream).toArray();
        assertArrayEquals(new int[]{1, 2, 4, 4, 2, 3, 2, 4, 3, 1, 5, 2, 3}, all);
        assertEquals(13, stream.length());
        assertArrayEquals(new long[]{0, 6, 9}, stream.offsets());
    }

    @Test
    void wordVocabularyAppliesMinCountAndMaxSize() {
        JavaRDD<TextLine> text = sc.parallelize(List.of(new TextLine("f", 0, "The cat, the hat.", true),
                new TextLine("f", 18, "THE end", false)), 2);
        TokenizerSpec spec = new TokenizerSpec("word", TokenizerSpec.DEFAULT_WORD_PATTERN, true, 4, 2);
        Vocabulary v = VocabularyCounter.fit(text, spec);
        assertEquals(List.of("<unk>", "<eos>", "the"), v.tokens());
        TokenizerSpec small = new TokenizerSpec("word", TokenizerSpec.DEFAULT_WORD_PATTERN, true, 4, 1);
        // ties break by token: "," sorts before "."
        assertEquals(List.of("<unk>", "<eos>", "the", ","), VocabularyCounter.fit(text, small).tokens());
    }

    @Test
    void bpeIsLearnedFromWordsCountedOnExecutorsAndEncodesTheStream() {
        JavaRDD<TextLine> text = sc.parallelize(List.of(
                new TextLine("f", 0, "low low low newest newest", true), new TextLine("f", 26, "newest widest", false),
                new TextLine("f", 40, "Lower low low lower. Newest! newest newest widest widest q", false)), 3);
        TokenizerSpec spec = TokenizerSpec.bpe(TokenizerSpec.DEFAULT_WORD_PATTERN, true, 100, 2);
        TextEncoding learned = EncodingLearner.learn(text, spec);
        // lowercased words seen twice or more: the counts of BpeTest's hand-checked example
        assertEquals(Map.of("low", 5L, "lower", 2L, "newest", 6L, "widest", 3L), VocabularyCounter.counts(text, spec));
        assertEquals(BpeLearner.learn(Map.of("low", 5L, "lower", 2L, "newest", 6L, "widest", 3L), 100).merges(),
                learned.merges());
        assertEquals(13, learned.merges().size());

        TokenStream stream = StreamEncoder.encode(text, learned);
        int[] all = stream.chunks().collect().stream().flatMapToInt(Arrays::stream).toArray();
        Vocabulary v = learned.vocabulary();
        int low = v.id("low</w>");
        int newest = v.id("newest</w>");
        int widest = v.id("widest</w>");
        int lower = v.id("lower</w>");
        int eos = Vocabulary.EOS_ID;
        // ".", "!" and "q" were seen once, so not learned from: their symbols are <unk>; <eos> ends each line
        assertArrayEquals(new int[]{eos, low, low, low, newest, newest, eos, newest, widest, eos,
                lower, low, low, lower, 0, newest, 0, newest, newest, widest, widest, 0, eos}, all);
    }

    private TokenStream counting(int... chunkSizes) {
        List<int[]> chunks = new ArrayList<>();
        int next = 0;
        for (int size : chunkSizes) {
            chunks.add(IntStream.range(next, next + size).toArray());
            next += size;
        }
        return TokenStream.of(sc.parallelize(chunks, chunks.size()));
    }

    private static List<int[]> sorted(JavaRDD<Window> windows) {
        return windows.collect().stream().sorted(Comparator.comparingLong(Window::index)).map(Window::tokens).toList();
    }

    @Test
    void windowsCrossChunksButNeverTheSplitBoundary() {
        // 20 tokens 0..19 in uneven chunks; windows of 4 tokens (3 steps), stride 2, last 35% held out
        TokenStream stream = counting(5, 1, 9, 5);
        WindowBuilder.Split split = WindowBuilder.build(stream, new WindowSpec(3, 2, 0.35));
        assertEquals(13, split.boundary());
        List<int[]> train = sorted(split.train());
        List<int[]> expected = new ArrayList<>();
        for (int s = 0; s + 4 <= 13; s += 2) {
            expected.add(IntStream.range(s, s + 4).toArray());
        }
        assertEquals(5, train.size());
        for (int i = 0; i < train.size(); i++) {
            assertArrayEquals(expected.get(i), train.get(i));
        }
        // validation targets are scored once: windows start at 13 and 16
        List<int[]> validation = sorted(split.validation());
        assertEquals(2, validation.size());
        assertArrayEquals(new int[]{13, 14, 15, 16}, validation.get(0));
        assertArrayEquals(new int[]{16, 17, 18, 19}, validation.get(1));
        Set<Integer> trainTokens = new HashSet<>();
        train.forEach(w -> Arrays.stream(w).forEach(trainTokens::add));
        validation.forEach(w -> Arrays.stream(w).forEach(t -> assertTrue(!trainTokens.contains(t), "token " + t)));
    }

    @Test
    void theTargetsOfNoTrainingWindowAreCountedAsTheWindowsCutThem() {
        // 200 tokens 0..199, the last 10% held out: each stride against windows of 10 steps, counted target by target
        TokenStream stream = counting(37, 80, 3, 80);
        for (int stride : new int[]{1, 7, 10, 11, 25, 60}) {
            WindowSpec spec = new WindowSpec(10, stride, 0.1);
            WindowBuilder.Split split = WindowBuilder.build(stream, spec);
            Set<Integer> targets = new HashSet<>();
            sorted(split.train()).forEach(w -> Arrays.stream(w).skip(1).forEach(targets::add));
            long untrained = (split.boundary() - 1) - targets.size();
            assertEquals(untrained, spec.targetsInNoWindow(split.boundary(), split.train().count()), "stride " + stride);
            // up to the stride is the end of the text; more is text between the windows
            assertEquals(stride > 10, untrained >= stride, "stride " + stride);
        }
        assertEquals(0, new WindowSpec(50, 50, 0.1).targetsInNoWindow(1001, 20));
        assertEquals(500, new WindowSpec(50, 100, 0.1).targetsInNoWindow(1001, 10));
    }

    @Test
    void tooShortCorpusNamesTheSettings() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WindowBuilder.build(counting(10), new WindowSpec(8, 8, 0.5)));
        assertTrue(e.getMessage().contains("10 tokens") && e.getMessage().contains("sequence.length 8"), e.getMessage());
    }

    @Test
    void workersGetBalancedBlocksInIndexOrder() {
        List<Window> windows = IntStream.range(0, 10)
                .mapToObj(i -> new Window(false, i, new int[]{i, i + 100})).toList();
        List<SequenceBlock> blocks = WorkerPartitioner.blocks(sc.parallelize(windows, 4), 3, 2).collect().stream()
                .map(SequenceBlock.class::cast).toList();
        assertEquals(List.of(4, 3, 3), blocks.stream().map(SequenceBlock::size).toList());
        assertArrayEquals(new int[]{0, 100}, blocks.get(0).window(0));
        assertArrayEquals(new int[]{3, 103}, blocks.get(0).window(1));
        assertArrayEquals(new int[]{9, 109}, blocks.get(0).window(3));
        assertArrayEquals(new int[]{8, 108}, blocks.get(2).window(2));
    }
}

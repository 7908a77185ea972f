package org.sparklstm.pipeline.lm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.hadoop.conf.Configuration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparklstm.models.lm.LanguageModelSpec;
import org.sparklstm.models.lm.NetworkFactory;
import org.sparklstm.models.lm.SequenceBlock;
import org.sparklstm.models.lm.WindowSource;
import org.sparklstm.models.text.TextEncoding;
import org.sparklstm.models.text.TokenizerSpec;
import org.sparklstm.models.text.Vocabulary;
import org.sparklstm.models.train.NetworkState;
import org.sparklstm.pipeline.SparkTestSupport;
import org.sparklstm.pipeline.evaluate.LanguageModelEvaluator;
import org.sparklstm.pipeline.evaluate.LossSummary;
import org.sparklstm.pipeline.ingest.QuarantineRecord;
import org.sparklstm.pipeline.sequences.WindowFile;
import org.sparklstm.pipeline.sequences.WindowSpec;
import org.sparklstm.pipeline.sequences.WindowStore;
import org.sparklstm.pipeline.text.EncodingLearner;
import org.sparklstm.pipeline.ingest.TextReading;

/** Held-out validation and test files: read like the training text, encoded with its vocabulary, cut whole. */
class LanguageModelDataTest extends SparkTestSupport {

    private static final int LENGTH = 50;

    @TempDir
    static Path tmp;
    static List<String> persuasion;
    static Path trainFile;
    static Path validationFile;
    static Path testFile;
    static LanguageModelData data;

    @BeforeAll
    static void prepare() throws IOException {
        persuasion = Files.readAllLines(DATA_SAMPLES.resolve("austen-persuasion.txt"));
        trainFile = tmp.resolve("train.txt");
        Files.write(trainFile, persuasion.subList(0, 1500));
        // the first line's '§' is in no line of the training text; the last line is Latin-1, not UTF-8
        validationFile = tmp.resolve("validation.txt");
        ByteArrayOutputStream validation = new ByteArrayOutputStream();
        validation.writeBytes(("§ 1\n" + String.join("\n", persuasion.subList(1500, 1700)) + "\n")
                .getBytes(StandardCharsets.UTF_8));
        validation.writeBytes("caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        Files.write(validationFile, validation.toByteArray());
        testFile = tmp.resolve("test.txt");
        Files.write(testFile, persuasion.subList(1700, 1900));
        LmSources sources = LmSources.of(trainFile.toString(), new HeldOutPaths(validationFile.toString(),
                testFile.toString()), LmSources.resolve(trainFile.toString(), new HeldOutPaths(
                validationFile.toString(), testFile.toString()), new Configuration()), TextReading.DEFAULT);
        // on disk: every read below goes through the workers' window files
        data = LanguageModelData.prepare(sc, sources, lines -> EncodingLearner.learn(lines, TokenizerSpec.chars()),
                new WindowSpec(LENGTH, LENGTH, 0.1), 2, true, WindowStore.disk(tmp.resolve("windows").toString()));
    }

    /** The stream the pipeline makes of a file's usable lines: {@code <eos>}, then each line's ids. */
    private static int[] stream(TextEncoding encoding, List<String> lines) {
        return IntStream.concat(IntStream.of(Vocabulary.EOS_ID),
                lines.stream().flatMapToInt(l -> Arrays.stream(encoding.encode(l)))).toArray();
    }

    /** The tokens the blocks' windows cover, in stream order (consecutive windows share one token). */
    private static int[] covered(List<WindowSource> sources) {
        IntStream.Builder tokens = IntStream.builder();
        boolean first = true;
        for (WindowSource source : sources) {
            SequenceBlock b = source.read(0, source.size());
            for (int w = 0; w < b.size(); w++) {
                int[] window = b.window(w);
                Arrays.stream(window, first ? 0 : 1, window.length).forEach(tokens::add);
                first = false;
            }
        }
        return tokens.build().toArray();
    }

    @Test
    void heldOutTextIsEncodedWithTheTrainingVocabularyAndCutIntoWholeWindows() {
        TextEncoding encoding = data.encoding();
        assertEquals(Vocabulary.UNK_ID, data.vocabulary().id("§"), "the vocabulary is learned from input.path only");
        // the Latin-1 line is quarantined, not encoded
        List<String> lines = new ArrayList<>(List.of("§ 1"));
        lines.addAll(persuasion.subList(1500, 1700));
        int[] expected = stream(encoding, lines);

        long windows = (expected.length - 1) / LENGTH;
        assertEquals(windows, data.validationWindows());
        assertEquals(expected.length, data.validationText().orElseThrow().tokens());
        int[] covered = covered(data.validation().collect());
        assertArrayEquals(Arrays.copyOf(expected, (int) (windows * LENGTH + 1)), covered);
        assertEquals(Vocabulary.UNK_ID, covered[1], "'§', after the document's <eos>, is scored as <unk>");

        // the whole of input.path trains: every window of the training stream, none cut off for validation
        int[] train = stream(encoding, persuasion.subList(0, 1500));
        assertEquals(train.length, data.tokens());
        assertEquals((train.length - 1) / LENGTH, data.trainWindows());
        assertArrayEquals(Arrays.copyOf(train, (int) (data.trainWindows() * LENGTH + 1)),
                covered(data.train().collect()));
    }

    @Test
    void eachWorkerKeepsItsWindowsInAFileOfItsOwnPerSet() throws IOException {
        for (String set : List.of("train", "validation", "test")) {
            for (int worker = 0; worker < 2; worker++) {
                Path file = tmp.resolve("windows").resolve(set).resolve(String.format("part-%05d.windows", worker));
                assertTrue(Files.exists(file), file.toString());
            }
        }
        List<WindowSource> train = data.train().collect();
        assertEquals(2, train.size());
        for (WindowSource source : train) {
            WindowFile file = (WindowFile) source;
            // 4 bytes per token, nothing else: the file is the windows
            assertEquals((long) file.size() * (LENGTH + 1) * 4, Files.size(Path.of(file.path())));
        }
        assertEquals(data.trainWindows(), train.stream().mapToLong(WindowSource::size).sum());
        // a read takes the windows asked for, in the order asked, consecutive or not
        SequenceBlock all = train.get(1).read(0, train.get(1).size());
        SequenceBlock picked = train.get(1).read(new int[]{5, 2, 3, 4, 0});
        for (int i = 0; i < 5; i++) {
            assertArrayEquals(all.window(new int[]{5, 2, 3, 4, 0}[i]), picked.window(i));
        }
    }

    @Test
    void validationIsScoredOverEveryTokenOfItsWindows() {
        int v = data.vocabulary().size();
        MultiLayerNetwork net = NetworkFactory.create(new LanguageModelSpec(v, 8, 1, 16, 0.0, 0.01, 1.0, 0, 3));
        LossSummary scored = LanguageModelEvaluator.evaluate(data.validation(),
                net.getLayerWiseConfigurations().toJson(), NetworkState.capture(net), 16, v, true);
        assertEquals(data.validationWindows() * LENGTH, scored.tokens());
        // an untrained network is near the uniform distribution's loss
        assertEquals(Math.log(v), scored.loss(), 0.5);
        assertEquals(data.validationWindows() * LENGTH, data.baseline().tokens());
        assertEquals(data.validationText().orElseThrow().baseline(), data.baseline());
    }

    @Test
    void testTextIsReadTheSameWay() {
        HeldOutText test = data.test().orElseThrow();
        int[] expected = stream(data.encoding(), persuasion.subList(1700, 1900));
        assertEquals(expected.length, test.tokens());
        assertEquals((expected.length - 1) / LENGTH, test.windows());
        assertArrayEquals(Arrays.copyOf(expected, (int) (test.windows() * LENGTH + 1)),
                covered(test.blocks().collect()));
        assertEquals(test.windows() * LENGTH, test.baseline().tokens());
        assertEquals("input.test-path", test.source().key());
    }

    @Test
    void badLinesOfHeldOutTextAreQuarantinedWithTheTrainingText() {
        assertEquals(1, data.quarantined());
        List<QuarantineRecord> records = data.validationText().orElseThrow().corpus().ingested().quarantine()
                .collect();
        assertEquals(1, records.size());
        assertTrue(records.get(0).file().endsWith("validation.txt"), records.get(0).file());
        assertEquals("invalid UTF-8 at byte 3 of the line", records.get(0).reason());
        assertEquals(3, data.corpora().size());
    }
}

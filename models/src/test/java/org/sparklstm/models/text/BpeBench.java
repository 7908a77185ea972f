package org.sparklstm.models.text;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * BPE on one machine, without Spark: learning time of the merge loop from a file's word counts, then
 * encoding throughput with the learned merges, tokens per word and the vocabulary reached. Arguments:
 * a text file (.gz read as gzip), then target vocabulary sizes. From the repository root:
 * <pre>
 * mvn -o -q -pl models test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test
 * java -cp models/target/test-classes:models/target/classes:$(cat /tmp/cp.txt) \
 *     org.sparklstm.models.text.BpeBench data-samples/austen-persuasion.txt 1000 4000
 * </pre>
 */
public final class BpeBench {

    private BpeBench() {
    }

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        List<String> lines = read(file);
        long chars = lines.stream().mapToLong(String::length).sum();
        WordTokenizer words = new WordTokenizer(TokenizerSpec.DEFAULT_WORD_PATTERN, false);
        Map<String, Long> counts = new HashMap<>();
        long[] wordTotal = new long[1];
        for (String line : lines) {
            words.forEachToken(line, w -> {
                counts.merge(w, 1L, Long::sum);
                wordTotal[0]++;
            });
        }
        System.out.printf("%s: %,d lines, %,d chars, %,d words (pre-tokens), %,d distinct%n", file, lines.size(),
                chars, wordTotal[0], counts.size());
        for (int i = 1; i < args.length; i++) {
            int target = Integer.parseInt(args[i]);
            for (int repeat = 0; repeat < 3; repeat++) {
                long start = System.nanoTime();
                BpeLearner.Learned learned = BpeLearner.learn(counts, target);
                double learnSeconds = (System.nanoTime() - start) / 1e9;
                TokenizerSpec spec = TokenizerSpec.bpe(TokenizerSpec.DEFAULT_WORD_PATTERN, false, target, 1);
                // a fresh encoding each time: its word cache starts empty
                TextEncoding encoding = new TextEncoding(spec, learned.vocabulary(), learned.merges());
                long[] tokens = new long[1];
                long[] unknown = new long[1];
                start = System.nanoTime();
                for (String line : lines) {
                    encoding.encode(line, id -> {
                        tokens[0]++;
                        if (id == Vocabulary.UNK_ID) {
                            unknown[0]++;
                        }
                    });
                }
                double encodeSeconds = (System.nanoTime() - start) / 1e9;
                System.out.printf("target %,d: vocabulary %,d (%,d merges) learned in %.3f s; encoded in %.3f s "
                                + "(%.1f MB chars/s, %,.0f words/s); %,d tokens, %.3f tokens/word, %,d <unk>%n",
                        target, learned.vocabulary().size(), learned.merges().size(), learnSeconds, encodeSeconds,
                        chars / 1e6 / encodeSeconds, wordTotal[0] / encodeSeconds, tokens[0],
                        (double) tokens[0] / wordTotal[0], unknown[0]);
            }
        }
    }

    private static List<String> read(Path file) throws IOException {
        InputStream in = Files.newInputStream(file);
        if (file.toString().endsWith(".gz")) {
            in = new GZIPInputStream(in);
        }
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                lines.add(line);
            }
        }
        return lines;
    }
}

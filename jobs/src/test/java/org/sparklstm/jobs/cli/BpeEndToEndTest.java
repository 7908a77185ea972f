package org.sparklstm.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparklstm.jobs.config.ConfigLoader;
import org.sparklstm.jobs.config.JobConfig;
import org.sparklstm.models.lm.ModelBundle;
import org.sparklstm.models.text.TextEncoding;
import org.sparklstm.models.text.Vocabulary;
import org.sparklstm.pipeline.lm.LanguageModelResult;

/** A subword (bpe) language model on local[2]: train, then reload, generate and evaluate. */
class BpeEndToEndTest {

    @TempDir
    Path tmp;

    private static List<String> sets(String output) {
        return List.of("input.path=../data-samples/austen-persuasion.txt", "output.path=" + output,
                "spark.master=local[2]", "tokenizer.type=bpe", "tokenizer.bpe-vocabulary=300",
                "sequence.length=30", "sequence.stride=30", "model.embedding=16", "model.layers=1",
                "model.hidden=64", "train.epochs=1", "train.batch-size=32", "train.tbptt-length=0",
                "train.learning-rate=0.01", "generate.prompt=Anne was", "generate.length=20");
    }

    @Test
    void trainsEvaluatesAndGeneratesWithLearnedMerges() throws Exception {
        String run = tmp.resolve("run").toString();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        LanguageModelResult outcome = (LanguageModelResult) TrainCommand.run(ConfigLoader.load(null, sets(run)), false,
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String console = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(outcome.validation().loss() < outcome.baseline().loss(),
                outcome.validation().loss() + " vs baseline " + outcome.baseline().loss() + "\n" + console);
        assertTrue(console.contains("vocabulary 300,"), console);

        ModelBundle bundle = ModelBundle.load(new org.apache.hadoop.fs.Path(run + "/model"), new Configuration());
        TextEncoding encoding = bundle.encoding();
        assertTrue(encoding.spec().isBpe());
        assertEquals(300, encoding.vocabulary().size());
        assertTrue(encoding.merges().size() > 150, "merges: " + encoding.merges().size());
        assertEquals(encoding.merges().size(), ((Number) bundle.statistics().get("bpe_merges")).intValue());
        // a frequent word of the novel is one token; an unseen one is split, not <unk>
        int anne = encoding.vocabulary().id("Anne</w>");
        assertTrue(anne > 1, "Anne is a token");
        int[] ids = encoding.encode("Anne Wentworthian");
        assertEquals(anne, ids[0]);
        assertTrue(ids.length > 2);
        for (int id : ids) {
            assertTrue(id != Vocabulary.UNK_ID, "every letter was learned");
        }

        JobConfig config = ConfigLoader.load(null, sets(run));
        String sample = GenerateCommand.run(config.generate());
        assertEquals(outcome.sample(), sample);
        assertTrue(sample.startsWith("Anne was ") && !sample.contains("</w>"), sample);

        Path other = tmp.resolve("opening.txt");
        Files.writeString(other, String.join("\n", Files.readAllLines(Path.of("../data-samples/austen-persuasion.txt"))
                .subList(0, 400)));
        List<String> evalSets = new ArrayList<>(sets(run));
        evalSets.set(0, "input.path=" + other);
        var loss = EvaluateCommand.run(ConfigLoader.load(null, evalSets), false,
                new PrintStream(new ByteArrayOutputStream()));
        assertTrue(loss.tokens() > 1000, "tokens: " + loss.tokens());
        assertTrue(loss.loss() < outcome.baseline().loss(), "model beats unigram on the opening: " + loss.loss());
    }
}

package org.sparklstm.jobs.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparklstm.models.lm.SoftmaxSpec;
import org.sparklstm.models.text.LineEnd;
import org.sparklstm.pipeline.flow.Task;
import org.sparklstm.pipeline.lm.HeldOutPaths;
import org.sparklstm.pipeline.train.LearningRateSchedule;

class ConfigLoaderTest {

    @TempDir
    Path tmp;

    @Test
    void referenceConfigMatchesTheIssueShape() {
        JobConfig c = ConfigLoader.load("../conf/lm-char.conf", List.of());
        assertEquals("data-samples/austen.txt.gz", c.inputPath());
        assertEquals(64, c.model().embedding());
        assertEquals(2, c.model().layers());
        assertEquals(256, c.model().hidden());
        assertEquals(100, c.lm().window().length());
        assertEquals(64, c.train().batchSize());
        assertEquals(0.002, c.model().learningRate());
        assertEquals(5.0, c.model().clipNorm());
        assertEquals(100, c.train().tbpttLength());
        assertEquals("local[*]", c.spark().master());
        assertEquals("runs/lm-char/model", c.generate().modelPath());
    }

    @Test
    void setOverridesFileAndSubstitutionsFollow() throws IOException {
        Path f = tmp.resolve("job.conf");
        Files.writeString(f, "train.epochs = 7\noutput.path = /tmp/x\n");
        JobConfig c = ConfigLoader.load(f.toString(), List.of("train.epochs=3", "output.path=/data/run9",
                "train.trainer=dl4j-spark", "train.stateful=false", "tokenizer.type=word"));
        assertEquals(3, c.train().epochs());
        assertEquals("/data/run9/model", c.generate().modelPath());
        assertEquals("/data/run9-evaluation", c.evaluate().outputPath());
        assertEquals("dl4j-spark", c.train().trainer().configName());
        assertEquals("word", c.lm().tokenizer().type());
        JobConfig bpe = ConfigLoader.load(null, List.of("tokenizer.type=bpe", "tokenizer.bpe-vocabulary=500"));
        assertTrue(bpe.lm().tokenizer().isBpe());
        assertEquals(500, bpe.lm().tokenizer().bpeVocabulary());
        assertEquals(1000, c.lm().tokenizer().bpeVocabulary());
        assertTrue(c.resolvedJson().contains("\"epochs\":\"3\"") || c.resolvedJson().contains("\"epochs\":3"));
    }

    private static String error(String... sets) {
        return assertThrows(ConfigException.class, () -> ConfigLoader.load(null, List.of(sets))).getMessage();
    }

    @Test
    void badValuesNameKeyValueAndExpectation() {
        assertEquals("train.epochs: 'many' is not valid; expected an integer", error("train.epochs=many"));
        assertEquals("train.epochs: '0' is not valid; expected an integer >= 1", error("train.epochs=0"));
        assertEquals("tokenizer.type: 'wordpiece' is not valid; expected one of char, word, bpe",
                error("tokenizer.type=wordpiece"));
        assertEquals("tokenizer.bpe-vocabulary: '2' is not valid; expected an integer >= 3",
                error("tokenizer.type=bpe", "tokenizer.bpe-vocabulary=2"));
        assertEquals("tokenizer.bpe-vocabulary: 'lots' is not valid; expected an integer",
                error("tokenizer.bpe-vocabulary=lots"));
        assertEquals("train.trainer: 'horovod' is not valid; expected one of averaging, sync-gradients, dl4j-spark",
                error("train.trainer=horovod"));
        assertEquals("model.dropout: '1.5' is not valid; expected a probability in [0, 1)", error("model.dropout=1.5"));
        assertTrue(error("spark.master=localhost").startsWith("spark.master: 'localhost' is not valid"));
        assertTrue(error("train.epoch=3").startsWith("train.epoch: '3' is not valid; expected no such key"));
        assertEquals("--set 'epochs' is not valid; expected key=value", error("epochs"));
        assertTrue(error("tokenizer.pattern=(").startsWith("tokenizer.pattern: '(' is not valid"));
        assertEquals("train.checkpoint-every: '5' is not valid; expected 0 for train.trainer = dl4j-spark (it fits "
                + "whole epochs in one call; checkpoints need our trainers)",
                error("train.trainer=dl4j-spark", "train.checkpoint-every=5"));
    }

    @Test
    void lineEndDefaultsToEachTokenizersOwnAndBogusIsRefused() {
        assertEquals(LineEnd.NEWLINE_TOKEN, ConfigLoader.load(null, List.of()).lm().tokenizer().lineEnd());
        assertEquals(LineEnd.EOS, ConfigLoader.load(null, List.of("tokenizer.type=word")).lm().tokenizer().lineEnd());
        assertEquals(LineEnd.EOS, ConfigLoader.load(null, List.of("tokenizer.type=bpe")).lm().tokenizer().lineEnd());
        // a classifier's texts keep the end they always had
        assertEquals(LineEnd.NONE, ConfigLoader.load(null, List.of("task=classify", "tokenizer.type=word"))
                .classify().tokenizer().lineEnd());
        assertEquals(LineEnd.NEWLINE_TOKEN, ConfigLoader.load(null, List.of("task=classify")).classify().tokenizer()
                .lineEnd());
        assertEquals(LineEnd.NONE, ConfigLoader.load(null, List.of("tokenizer.type=word", "tokenizer.line-end=none"))
                .lm().tokenizer().lineEnd());
        assertEquals(LineEnd.NEWLINE_TOKEN, ConfigLoader.load(null, List.of("tokenizer.type=bpe",
                "tokenizer.line-end=newline-token")).lm().tokenizer().lineEnd());
        assertEquals(LineEnd.EOS, ConfigLoader.load(null, List.of("tokenizer.line-end=eos")).lm().tokenizer().lineEnd());
        assertEquals("tokenizer.line-end: 'bogus' is not valid; expected one of auto, eos, none, newline-token",
                error("tokenizer.type=word", "tokenizer.line-end=bogus"));
    }

    @Test
    void heldOutTextIsForLanguageModelsOnly() {
        assertEquals(new HeldOutPaths("", ""), ConfigLoader.load(null, List.of()).lm().heldOut());
        assertEquals(new HeldOutPaths("v.txt", "hdfs:///t/*.gz"), ConfigLoader.load(null,
                List.of("input.validation-path=v.txt", "input.test-path=hdfs:///t/*.gz")).lm().heldOut());
        assertEquals("input.test-path: 'reviews-test.csv' is not valid; expected \"\" for task = classify (held-out "
                + "text files are a language model's; a classifier's test rows are classify.test-path, a "
                + "forecaster's test is series.split.*)", error("task=classify", "input.test-path=reviews-test.csv"));
        assertTrue(error("task=forecast", "input.validation-path=v.csv").startsWith(
                "input.validation-path: 'v.csv' is not valid; expected \"\" for task = forecast"));
    }

    @Test
    void eachSoftmaxTakesItsOwnKeys() {
        assertEquals(SoftmaxSpec.FULL, ConfigLoader.load(null, List.of()).model().softmax());
        assertEquals(SoftmaxSpec.sampled(256), ConfigLoader.load(null, List.of("model.softmax=sampled",
                "model.softmax-samples=256")).model().softmax());
        assertEquals(SoftmaxSpec.adaptive(List.of(2000, 10000)), ConfigLoader.load(null, List.of(
                "model.softmax=adaptive", "model.softmax-cutoffs=[2000, 10000]")).model().softmax());
        assertEquals("model.softmax-cutoffs: '[2000, 500]' is not valid; expected a list of ids rising strictly from "
                + "a first one > 0, for example [2000, 10000]", error("model.softmax=adaptive",
                "model.softmax-cutoffs=[2000, 500]"));
        assertTrue(error("task=classify", "model.softmax=adaptive").startsWith(
                "model.softmax: 'adaptive' is not valid; expected full for task = classify"));
    }

    @Test
    void theStrideFollowsTheWindowLengthUnlessSet() {
        assertEquals(50, ConfigLoader.load(null, List.of("sequence.length=50")).lm().window().stride());
        assertEquals(20, ConfigLoader.load(null, List.of("sequence.length=50", "sequence.stride=20",
                "train.stateful=false")).lm().window().stride());
    }

    @Test
    void globalClippingMovesTheLimitFromTheNetworkToTheTrainer() {
        JobConfig perLayer = ConfigLoader.load(null, List.of("train.clip-norm=3"));
        assertEquals(3.0, perLayer.model().clipNorm());
        assertEquals(0.0, perLayer.train().globalClipNorm());
        JobConfig global = ConfigLoader.load(null, List.of("train.clip-norm=3", "train.clip-mode=global"));
        assertEquals(0.0, global.model().clipNorm());
        assertEquals(3.0, global.train().globalClipNorm());
        assertTrue(error("train.clip-mode=global", "train.stateful=false", "train.tbptt-length=50").startsWith(
                "train.tbptt-length: '50' is not valid; expected 0 or >= sequence.length - 1 (99) for train.clip-mode"));
    }

    @Test
    void globalBatchIsSplitEvenlyOverTheWorkers() {
        JobConfig perWorker = ConfigLoader.load(null, List.of("train.batch-size=16"));
        assertEquals(16, perWorker.train().batchSizePerWorker(8));
        JobConfig global = ConfigLoader.load(null, List.of("train.global-batch-size=32", "train.workers=8"));
        assertEquals(4, global.train().batchSizePerWorker(8));
        assertEquals(32, global.train().batchSizePerWorker(1));
        assertEquals("train.global-batch-size: '30' is not valid; expected a multiple of train.workers (8): each"
                + " worker takes an equal share of every minibatch", error("train.global-batch-size=30", "train.workers=8"));
        // with workers = 0 the split is checked once Spark's parallelism is known
        JobConfig unknown = ConfigLoader.load(null, List.of("train.global-batch-size=30"));
        assertEquals("train.global-batch-size 30 does not split evenly over 4 workers: set a multiple of train.workers",
                assertThrows(IllegalArgumentException.class, () -> unknown.train().batchSizePerWorker(4)).getMessage());
    }

    @Test
    void scheduleKeysAreChecked() {
        JobConfig c = ConfigLoader.load(null, List.of("train.lr-schedule=step", "train.lr-step-epochs=2",
                "train.lr-factor=0.25", "train.warmup-rounds=10", "train.early-stopping-patience=3"));
        assertEquals(new LearningRateSchedule(LearningRateSchedule.Kind.STEP, 0.002, 2, 0.25, 1, 10),
                c.train().schedule());
        assertEquals(3, c.train().earlyStopping());
        assertEquals("train.lr-schedule: 'exponential' is not valid; expected one of constant, step, cosine, plateau",
                error("train.lr-schedule=exponential"));
        assertEquals("train.lr-factor: '1.5' is not valid; expected a number in (0, 1]: what the rate is multiplied by",
                error("train.lr-factor=1.5"));
    }

    @Test
    void forecastingKeysAreCheckedTogether() {
        JobConfig c = ConfigLoader.load("../conf/forecast-eustock.conf", List.of("series.horizon=1"));
        assertEquals(Task.FORECAST, c.task());
        assertEquals(List.of("DAX", "SMI", "CAC", "FTSE"), c.series().ingest().columns().targets());
        assertEquals(List.of("SMI", "CAC"), ConfigLoader.load(null, List.of("series.value-columns=SMI, CAC"))
                .series().ingest().columns().values());
        assertEquals("series.horizon: '12' is not valid; expected 1 for series.strategy = one-step (use direct or "
                + "recursive)", error("task=forecast", "series.horizon=12"));
        assertTrue(error("series.value-columns=a,b", "series.target-columns=b", "series.strategy=recursive",
                "series.horizon=3").startsWith("series.target-columns: '[b]' is not valid; expected the value columns"));
        assertTrue(error("series.target-columns=c").startsWith("series.target-columns: '[c]' is not valid"));
        assertTrue(error("series.split.test-from=soon").startsWith("series.split.test-from: 'soon' is not valid"));
        assertTrue(error("series.split.train=0.8", "series.split.validation=0.2")
                .startsWith("series.split.validation: '0.2' is not valid"));
        assertTrue(error("task=forecast", "train.trainer=dl4j-spark").startsWith("train.trainer: 'dl4j-spark'"));
        assertTrue(error("task=classify", "model.bidirectional=true").startsWith(
                "model.cell: 'lstm' is not valid; expected gru for a bidirectional classifier"));
        assertTrue(error("model.bidirectional=true").startsWith("model.bidirectional: 'true' is not valid"));
        assertTrue(error("train.trainer=sync-gradients", "train.tbptt-length=50", "train.stateful=false").startsWith(
                "train.tbptt-length: '50' is not valid; expected 0 or >= sequence.length - 1 (99)"));
        // stateful windows tile the stream and are the truncation
        assertTrue(error("sequence.length=50", "sequence.stride=20").startsWith(
                "sequence.stride: '20' is not valid; expected sequence.length (50) with train.stateful = true"));
        assertTrue(error("train.tbptt-length=50").startsWith(
                "train.tbptt-length: '50' is not valid; expected 0 or sequence.length (100) with train.stateful = true"));
        assertTrue(error("train.trainer=dl4j-spark").startsWith(
                "train.stateful: 'true' is not valid; expected false for train.trainer = dl4j-spark"));
        assertTrue(error("train.trainer=sync-gradients", "train.adam-state=per-worker").startsWith(
                "train.adam-state: 'per-worker' is not valid; expected averaged or reset for train.trainer = sync-gradients"));
        assertTrue(error("train.trainer=dl4j-spark", "train.stateful=false", "train.block-momentum=0.5").startsWith(
                "train.block-momentum: '0.5' is not valid; expected 0 for train.trainer = dl4j-spark"));
        assertTrue(error("train.adam-state=mine").startsWith("train.adam-state: 'mine' is not valid"));
    }

    @Test
    void missingOrBrokenConfigFileIsNamed() throws IOException {
        assertEquals("--config: 'nope.conf' is not a readable file",
                assertThrows(ConfigException.class, () -> ConfigLoader.load("nope.conf", List.of())).getMessage());
        Path broken = tmp.resolve("broken.conf");
        Files.writeString(broken, "train { epochs = ");
        assertTrue(assertThrows(ConfigException.class, () -> ConfigLoader.load(broken.toString(), List.of()))
                .getMessage().startsWith("--config: '" + broken + "' is not valid HOCON"));
    }
}

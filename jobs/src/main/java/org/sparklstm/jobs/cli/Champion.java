package org.sparklstm.jobs.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.sparklstm.jobs.config.ConfigException;
import org.sparklstm.jobs.config.JobConfig;
import org.sparklstm.models.lm.ModelBundle;
import org.sparklstm.models.lm.SequenceBlock;
import org.sparklstm.models.lm.WindowSource;
import org.sparklstm.models.lm.WarmStart;
import org.sparklstm.models.text.TextEncoding;
import org.sparklstm.models.text.TokenizerSpec;
import org.sparklstm.models.text.Vocabulary;
import org.sparklstm.models.text.VocabularyGrowth;
import org.sparklstm.models.train.NetworkState;
import org.sparklstm.pipeline.evaluate.LanguageModelEvaluator;
import org.sparklstm.pipeline.ingest.InputException;
import org.sparklstm.pipeline.ingest.TextLine;
import org.sparklstm.pipeline.io.RunDirectory;
import org.sparklstm.pipeline.io.Tables;
import org.sparklstm.pipeline.lm.LanguageModelData;
import org.sparklstm.pipeline.lm.LanguageModelResult;
import org.sparklstm.pipeline.registry.RegistryEntry;
import org.sparklstm.pipeline.text.VocabularyCounter;

/**
 * The registry's champion as {@code retrain} uses it: checked against the config, the text encoding and
 * network a challenger warm-starts from, and the yardstick the challenger is compared with.
 */
final class Champion {

    private final RegistryEntry entry;
    private final ModelBundle bundle;
    private final JobConfig config;

    private Champion(RegistryEntry entry, ModelBundle bundle, JobConfig config) {
        this.entry = entry;
        this.bundle = bundle;
        this.config = config;
    }

    String version() {
        return entry.modelVersion();
    }

    ModelBundle bundle() {
        return bundle;
    }

    /**
     * Challenger and champion on the same validation windows of the new data. With a grown vocabulary the
     * champion reads the new tokens as {@code <unk>}, and both are scored in the champion's vocabulary: the
     * challenger's {@code <unk>} probability is that of its {@code <unk>} and new tokens together.
     */
    Promotion challenge(LanguageModelData data, LanguageModelResult trained, RunDirectory run, Configuration hadoop,
                        Map<String, Double> metrics) throws IOException {
        int common = bundle.vocabulary().size();
        int size = data.vocabulary().size();
        int batch = config.train().evalBatchSize();
        JavaRDD<WindowSource> validation = data.validation();
        double challengerLoss = trained.validation().loss();
        if (size > common) {
            MultiLayerNetwork challenger = ModelBundle.load(new Path(run.path(Tables.MODEL)), hadoop).network();
            challengerLoss = LanguageModelEvaluator.evaluate(validation,
                    challenger.getLayerWiseConfigurations().toJson(), NetworkState.capture(challenger), batch, size,
                    common, config.train().stateful()).loss();
            metrics.put("challenger_validation_loss_own_vocabulary", trained.validation().loss());
            metrics.put("grown_tokens", (double) (size - common));
            validation = validation.map(b -> b.withUnknownFrom(common));
        }
        MultiLayerNetwork net = bundle.network();
        double championLoss = LanguageModelEvaluator.evaluate(validation, net.getLayerWiseConfigurations().toJson(),
                NetworkState.capture(net), batch, common, config.train().stateful()).loss();
        metrics.put("challenger_validation_loss", challengerLoss);
        metrics.put("champion_validation_loss", championLoss);
        return Promotion.decide(challengerLoss, championLoss, version(), config.retrain().minImprovement());
    }

    /** The registry's champion, refused where the config cannot continue from it. */
    static Champion load(RegistryEntry champion, JobConfig config, Configuration hadoop) {
        if (!champion.task().equals(config.task().configName())) {
            throw ConfigException.of("task", config.task().configName(), champion.task() + ", the task of champion "
                    + champion.modelVersion());
        }
        ModelBundle bundle;
        try {
            bundle = ModelBundle.load(new Path(champion.modelPath()), hadoop);
        } catch (IOException e) {
            throw new InputException("--registry: champion " + champion.modelVersion() + "'s model at '"
                    + champion.modelPath() + "' cannot be read: " + e.getMessage(), e);
        }
        TokenizerSpec mine = config.lm().tokenizer();
        TokenizerSpec theirs = bundle.tokenizer();
        for (String[] key : new String[][]{{"tokenizer.type", mine.type(), theirs.type()},
                {"tokenizer.pattern", mine.pattern(), theirs.pattern()},
                {"tokenizer.lowercase", "" + mine.lowercase(), "" + theirs.lowercase()}}) {
            if (!key[1].equals(key[2])) {
                throw ConfigException.of(key[0], key[1], key[2] + ", as for champion " + champion.modelVersion()
                        + " (a warm start keeps the champion's tokenizer; start a new registry to change it)");
            }
        }
        if (config.retrain().growVocabulary() && theirs.isBpe()) {
            throw ConfigException.of("retrain.grow-vocabulary", true, "false for a bpe model (its vocabulary is "
                    + "learned merges; new words are already split into known subwords)");
        }
        Champion loaded = new Champion(champion, bundle, config);
        // an architecture that cannot take the champion's parameters fails here, before any Spark work
        loaded.warmStart(bundle.vocabulary().size());
        return loaded;
    }

    /** The champion's encoding, its vocabulary grown by the new data's tokens when the config asks for it. */
    TextEncoding encoding(JavaRDD<TextLine> lines, PrintStream out) {
        TextEncoding champion = bundle.encoding();
        if (!config.retrain().growVocabulary()) {
            return champion;
        }
        TokenizerSpec s = champion.spec();
        int minCount = config.lm().tokenizer().minCount();
        TokenizerSpec counting = new TokenizerSpec(s.type(), s.pattern(), s.lowercase(), s.maxVocabulary(), minCount,
                s.bpeVocabulary(), s.lineEnd());
        Vocabulary grown = VocabularyGrowth.grow(champion.vocabulary(), VocabularyCounter.counts(lines, counting),
                config.lm().tokenizer().maxVocabulary(), minCount);
        out.printf("vocabulary grown by %,d new tokens to %,d%n", grown.size() - champion.vocabulary().size(),
                grown.size());
        return TextEncoding.of(s, grown);
    }

    /** The champion's network, grown to {@code vocabularySize}, to continue training from. */
    MultiLayerNetwork warmStart(int vocabularySize) {
        try {
            return WarmStart.from(bundle.network(), config.model().languageModel(vocabularySize,
                    config.train().tbpttLength()));
        } catch (IllegalArgumentException e) {
            var m = config.model();
            throw ConfigException.of("model.*", "embedding " + m.embedding() + ", layers " + m.layers() + ", hidden "
                    + m.hidden() + ", cell " + m.cell().configName(), "the architecture of champion " + version()
                    + " (a warm start continues from its parameters): " + e.getMessage());
        }
    }
}

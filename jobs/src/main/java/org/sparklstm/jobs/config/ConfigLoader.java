package org.sparklstm.jobs.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigSyntax;
import com.typesafe.config.ConfigValueFactory;
import java.io.File;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.sparklstm.models.text.TokenizerSpec;
import org.sparklstm.pipeline.flow.CommonSettings;
import org.sparklstm.pipeline.flow.ModelSettings;
import org.sparklstm.pipeline.flow.Task;
import org.sparklstm.pipeline.flow.TrainingSettings;
import org.sparklstm.pipeline.lm.LanguageModelSettings;

/**
 * Reads a job config: the defaults ({@code reference.conf}), then the file, then {@code --set}
 * overrides, resolved together. Every key is checked here, before Spark starts.
 */
public final class ConfigLoader {

    private ConfigLoader() {
    }

    public static JobConfig load(String file, List<String> sets) {
        Config fileConfig = ConfigFactory.empty();
        if (file != null) {
            File f = new File(file);
            if (!f.isFile()) {
                throw new ConfigException("--config: '" + file + "' is not a readable file");
            }
            try {
                fileConfig = ConfigFactory.parseFile(f, ConfigParseOptions.defaults().setSyntax(ConfigSyntax.CONF)
                        .setAllowMissing(false));
            } catch (com.typesafe.config.ConfigException e) {
                throw new ConfigException("--config: '" + file + "' is not valid HOCON: " + e.getMessage());
            }
        }
        return loadSaved(fileConfig, sets);
    }

    /** A config saved by an earlier run (its resolved keys), with {@code --set} overrides. */
    public static JobConfig loadSaved(Config saved, List<String> sets) {
        Config overrides = ConfigFactory.empty();
        for (String set : sets) {
            int eq = set.indexOf('=');
            if (eq <= 0) {
                throw new ConfigException("--set '" + set + "' is not valid; expected key=value");
            }
            String key = set.substring(0, eq).trim();
            overrides = overrides.withValue(key, ConfigValueFactory.fromAnyRef(set.substring(eq + 1).trim()));
        }
        Config defaults = ConfigFactory.parseResources(ConfigLoader.class.getClassLoader(), "reference.conf");
        Config merged;
        try {
            merged = overrides.withFallback(saved).withFallback(defaults).resolve();
        } catch (com.typesafe.config.ConfigException e) {
            throw new ConfigException("configuration cannot be resolved: " + e.getMessage());
        }
        rejectUnknownKeys(merged, defaults);
        return validate(merged);
    }

    private static void rejectUnknownKeys(Config merged, Config defaults) {
        Set<String> known = defaults.entrySet().stream().map(Map.Entry::getKey).collect(Collectors.toSet());
        for (var e : merged.entrySet()) {
            if (!known.contains(e.getKey())) {
                throw ConfigException.of(e.getKey(), e.getValue().unwrapped(),
                        "no such key (the keys and their defaults are listed in the README)");
            }
        }
    }

    /** Each section in turn, task-specific rules with the section they constrain. */
    private static JobConfig validate(Config c) {
        ConfigValues v = new ConfigValues(c);
        Task task = v.oneOf("task", Task.values(), Task::configName);
        TokenizerSpec tokenizer = TokenizerSection.read(v, task);
        ModelSettings model = ModelSection.read(v, task);
        TrainingSettings train = TrainSection.read(v, task);
        LanguageModelSettings lm = LanguageModelSection.read(v, task, tokenizer, train);
        CommonSettings common = new CommonSettings(v.nonBlank("input.path"), v.nonBlank("output.path"), model, train);
        return new JobConfig(task, common, lm, SeriesSection.read(v), ClassifySection.read(v, tokenizer),
                CommandSections.generate(v), CommandSections.applied(v, "evaluate"),
                CommandSections.applied(v, "forecast"), CommandSections.applied(v, "predict"),
                CommandSections.retrain(v), CommandSections.spark(v), CommandSections.bench(v),
                c.root().render(ConfigRenderOptions.concise()));
    }
}

package org.sparklstm.jobs;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigSyntax;
import com.typesafe.config.ConfigValueFactory;
import java.io.File;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.sparklstm.models.LanguageModelSpec;
import org.sparklstm.models.TokenizerSpec;
import org.sparklstm.pipeline.sequences.WindowSpec;

/**
 * Reads a job config: the defaults ({@code reference.conf}), then the file, then {@code --set}
 * overrides, resolved together. Every key is checked here, before Spark starts.
 */
public final class ConfigLoader {

    private ConfigLoader() {
    }

    public static JobConfig load(String file, List<String> sets) {
        Config overrides = ConfigFactory.empty();
        for (String set : sets) {
            int eq = set.indexOf('=');
            if (eq <= 0) {
                throw new ConfigException("--set '" + set + "' is not valid; expected key=value");
            }
            String key = set.substring(0, eq).trim();
            overrides = overrides.withValue(key, ConfigValueFactory.fromAnyRef(set.substring(eq + 1).trim()));
        }
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
        Config defaults = ConfigFactory.parseResources(ConfigLoader.class.getClassLoader(), "reference.conf");
        Config merged;
        try {
            merged = overrides.withFallback(fileConfig).withFallback(defaults).resolve();
        } catch (com.typesafe.config.ConfigException e) {
            throw new ConfigException("configuration cannot be resolved: " + e.getMessage());
        }
        rejectUnknownKeys(merged, defaults);
        return validate(merged);
    }

    private static void rejectUnknownKeys(Config merged, Config defaults) {
        Set<String> known = defaults.entrySet().stream().map(java.util.Map.Entry::getKey)
                .collect(java.util.stream.Collectors.toSet());
        for (var e : merged.entrySet()) {
            if (!known.contains(e.getKey())) {
                throw ConfigException.of(e.getKey(), e.getValue().unwrapped(),
                        "no such key (the keys and their defaults are listed in the README)");
            }
        }
    }

    private static JobConfig validate(Config c) {
        String task = oneOf(c, "task", List.of("lm"));
        String tokenizerType = oneOf(c, "tokenizer.type", List.of(TokenizerSpec.CHAR, TokenizerSpec.WORD));
        String pattern = string(c, "tokenizer.pattern");
        try {
            Pattern.compile(pattern);
        } catch (PatternSyntaxException e) {
            throw ConfigException.of("tokenizer.pattern", pattern, "a Java regular expression (" + e.getDescription() + ")");
        }
        TokenizerSpec tokenizer = new TokenizerSpec(tokenizerType, pattern, bool(c, "tokenizer.lowercase"),
                atLeast(c, "tokenizer.max-vocabulary", 3), atLeast(c, "tokenizer.min-count", 1));
        int length = atLeast(c, "sequence.length", 1);
        double validation = number(c, "sequence.validation-fraction");
        if (validation <= 0 || validation >= 1) {
            throw ConfigException.of("sequence.validation-fraction", validation, "a number between 0 and 1 (exclusive)");
        }
        WindowSpec window = new WindowSpec(length, atLeast(c, "sequence.stride", 1), validation);
        double dropout = number(c, "model.dropout");
        if (dropout < 0 || dropout >= 1) {
            throw ConfigException.of("model.dropout", dropout, "a probability in [0, 1)");
        }
        double lr = number(c, "train.learning-rate");
        if (lr <= 0) {
            throw ConfigException.of("train.learning-rate", lr, "a number > 0");
        }
        double clip = number(c, "train.clip-norm");
        if (clip < 0) {
            throw ConfigException.of("train.clip-norm", clip, "a number >= 0 (0 = no clipping)");
        }
        int tbptt = atLeast(c, "train.tbptt-length", 0);
        long seed = longValue(c, "train.seed");
        // the vocabulary size is known only after counting; 3 is a placeholder that passes validation
        LanguageModelSpec model = new LanguageModelSpec(3, atLeast(c, "model.embedding", 1),
                atLeast(c, "model.layers", 1), atLeast(c, "model.hidden", 1), dropout, lr, clip, tbptt, seed);
        JobConfig.Train train = new JobConfig.Train(oneOf(c, "train.trainer", List.of("averaging", "dl4j-spark")),
                atLeast(c, "train.epochs", 1), atLeast(c, "train.workers", 0), atLeast(c, "train.batch-size", 1),
                atLeast(c, "train.averaging-frequency", 1), tbptt, seed, atLeast(c, "train.eval-batch-size", 1),
                updateScale(c));
        double temperature = number(c, "generate.temperature");
        if (temperature < 0) {
            throw ConfigException.of("generate.temperature", temperature, "a number >= 0");
        }
        JobConfig.Generate generate = new JobConfig.Generate(nonBlank(c, "generate.model-path"),
                string(c, "generate.prompt"), atLeast(c, "generate.length", 1), temperature,
                longValue(c, "generate.seed"));
        JobConfig.Evaluate evaluate = new JobConfig.Evaluate(nonBlank(c, "evaluate.model-path"),
                nonBlank(c, "evaluate.output-path"));
        String master = nonBlank(c, "spark.master");
        if (!master.matches("local(\\[(\\*|\\d+)(,\\d+)?\\])?|(spark|yarn|k8s|mesos)(://.*)?")) {
            throw ConfigException.of("spark.master", master, "local[*], local[N], spark://host:port, yarn or k8s://...");
        }
        JobConfig.Spark spark = new JobConfig.Spark(master, nonBlank(c, "spark.app-name"));
        List<Integer> frequencies;
        try {
            frequencies = c.getIntList("bench.averaging-frequencies");
        } catch (com.typesafe.config.ConfigException e) {
            throw ConfigException.of("bench.averaging-frequencies", c.getValue("bench.averaging-frequencies").unwrapped(),
                    "a list of integers >= 1");
        }
        if (frequencies.stream().anyMatch(f -> f < 1)) {
            throw ConfigException.of("bench.averaging-frequencies", frequencies, "a list of integers >= 1");
        }
        JobConfig.Bench bench = new JobConfig.Bench(nonBlank(c, "bench.output-path"),
                atLeast(c, "bench.warmup-minibatches", 1), atLeast(c, "bench.minibatches", 3), frequencies,
                atLeast(c, "bench.validation-windows", 1), string(c, "bench.python"));
        String json = c.root().render(ConfigRenderOptions.concise());
        return new JobConfig(task, nonBlank(c, "input.path"), nonBlank(c, "output.path"), tokenizer, window, model,
                train, generate, evaluate, spark, bench, json);
    }

    private static double updateScale(Config c) {
        double v = number(c, "train.update-scale");
        if (v <= 0) {
            throw ConfigException.of("train.update-scale", v, "a number > 0 (1 = plain averaging)");
        }
        return v;
    }

    private static String string(Config c, String key) {
        try {
            return c.getString(key);
        } catch (com.typesafe.config.ConfigException e) {
            throw ConfigException.of(key, c.hasPath(key) ? c.getValue(key).unwrapped() : null, "a string");
        }
    }

    private static String nonBlank(Config c, String key) {
        String v = string(c, key);
        if (v.isBlank()) {
            throw ConfigException.of(key, v, "a non-empty value");
        }
        return v;
    }

    private static String oneOf(Config c, String key, List<String> allowed) {
        String v = string(c, key);
        if (!allowed.contains(v)) {
            throw ConfigException.of(key, v, "one of " + String.join(", ", allowed));
        }
        return v;
    }

    private static int atLeast(Config c, String key, int min) {
        long v = longValue(c, key);
        if (v < min || v > Integer.MAX_VALUE) {
            throw ConfigException.of(key, v, "an integer >= " + min);
        }
        return (int) v;
    }

    private static long longValue(Config c, String key) {
        try {
            return c.getLong(key);
        } catch (com.typesafe.config.ConfigException e) {
            throw ConfigException.of(key, c.getValue(key).unwrapped(), "an integer");
        }
    }

    private static double number(Config c, String key) {
        try {
            return c.getDouble(key);
        } catch (com.typesafe.config.ConfigException e) {
            throw ConfigException.of(key, c.getValue(key).unwrapped(), "a number");
        }
    }

    private static boolean bool(Config c, String key) {
        try {
            return c.getBoolean(key);
        } catch (com.typesafe.config.ConfigException e) {
            throw ConfigException.of(key, c.getValue(key).unwrapped(), "true or false");
        }
    }
}

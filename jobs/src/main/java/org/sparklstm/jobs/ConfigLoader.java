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
import org.sparklstm.models.forecast.Scaling;
import org.sparklstm.models.forecast.SeriesColumns;
import org.sparklstm.models.forecast.Strategy;
import org.sparklstm.models.lm.LanguageModelSpec;
import org.sparklstm.models.nn.RecurrentCell;
import org.sparklstm.models.text.TokenizerSpec;
import org.sparklstm.pipeline.classify.TextColumns;
import org.sparklstm.pipeline.sequences.WindowSpec;
import org.sparklstm.pipeline.series.SeriesAssembler;
import org.sparklstm.pipeline.series.SeriesIngest;
import org.sparklstm.pipeline.series.SplitSpec;
import org.sparklstm.pipeline.series.TimeParser;

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
        String task = oneOf(c, "task", List.of("lm", "forecast", "classify"));
        String tokenizerType = oneOf(c, "tokenizer.type", List.of(TokenizerSpec.CHAR, TokenizerSpec.WORD,
                TokenizerSpec.BPE));
        String pattern = string(c, "tokenizer.pattern");
        try {
            Pattern.compile(pattern);
        } catch (PatternSyntaxException e) {
            throw ConfigException.of("tokenizer.pattern", pattern, "a Java regular expression (" + e.getDescription() + ")");
        }
        TokenizerSpec tokenizer = new TokenizerSpec(tokenizerType, pattern, bool(c, "tokenizer.lowercase"),
                atLeast(c, "tokenizer.max-vocabulary", 3), atLeast(c, "tokenizer.min-count", 1),
                atLeast(c, "tokenizer.bpe-vocabulary", 3));
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
        RecurrentCell cell = RecurrentCell.fromConfigName(oneOf(c, "model.cell", List.of("lstm", "peephole", "gru")));
        boolean bidirectional = bool(c, "model.bidirectional");
        if (bidirectional && task.equals("lm")) {
            throw ConfigException.of("model.bidirectional", true, "false for task = lm (a language model must not "
                    + "see the tokens it predicts)");
        }
        if (bidirectional && task.equals("classify") && cell != RecurrentCell.GRU) {
            throw ConfigException.of("model.cell", cell.configName(), "gru for a bidirectional classifier (DL4J's "
                    + cell.configName() + " layer ignores the padding mask when read backwards)");
        }
        LanguageModelSpec model = new LanguageModelSpec(3, atLeast(c, "model.embedding", 1),
                atLeast(c, "model.layers", 1), atLeast(c, "model.hidden", 1), dropout, lr, clip, tbptt, seed)
                .withCell(cell);
        JobConfig.Train train = new JobConfig.Train(oneOf(c, "train.trainer", List.of("averaging", "sync-gradients", "dl4j-spark")),
                atLeast(c, "train.epochs", 1), atLeast(c, "train.workers", 0), atLeast(c, "train.batch-size", 1),
                atLeast(c, "train.averaging-frequency", 1), tbptt, seed, atLeast(c, "train.eval-batch-size", 1),
                updateScale(c), atLeast(c, "train.checkpoint-every", 0));
        if (train.checkpointEvery() > 0 && train.trainer().equals("dl4j-spark")) {
            throw ConfigException.of("train.checkpoint-every", train.checkpointEvery(),
                    "0 for train.trainer = dl4j-spark (it fits whole epochs in one call; checkpoints need our trainers)");
        }
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
        if (task.equals("lm") && train.trainer().equals("sync-gradients") && tbptt > 0 && tbptt < length - 1) {
            throw ConfigException.of("train.tbptt-length", tbptt, "0 or >= sequence.length - 1 (" + (length - 1)
                    + ") for train.trainer = sync-gradients: it averages one gradient per minibatch");
        }
        JobConfig.SeriesTask series = series(c);
        if (task.equals("forecast") && train.trainer().equals("dl4j-spark")) {
            throw ConfigException.of("train.trainer", train.trainer(), "averaging or sync-gradients (dl4j-spark trains language models only)");
        }
        JobConfig.Forecast forecast = new JobConfig.Forecast(nonBlank(c, "forecast.model-path"),
                nonBlank(c, "forecast.output-path"));
        if (task.equals("classify") && train.trainer().equals("dl4j-spark")) {
            throw ConfigException.of("train.trainer", train.trainer(), "averaging or sync-gradients (dl4j-spark trains language models only)");
        }
        JobConfig.Classify classify = new JobConfig.Classify(new TextColumns(nonBlank(c, "classify.text-column"),
                string(c, "classify.label-column").trim(), string(c, "classify.id-column").trim()),
                string(c, "classify.test-path").trim(), fraction(c, "classify.validation-fraction"),
                atLeast(c, "classify.max-length", 1), oneOf(c, "classify.keep", List.of("start", "end")).equals("end"),
                oneOf(c, "classify.pooling", List.of("max", "mean", "last")),
                oneOf(c, "classify.on-error", List.of("fail", "quarantine")).equals("quarantine"));
        JobConfig.Embeddings embeddings = new JobConfig.Embeddings(bool(c, "embeddings.word2vec"),
                string(c, "embeddings.corpus-path").trim(), bool(c, "embeddings.frozen"),
                atLeast(c, "embeddings.min-count", 1), atLeast(c, "embeddings.iterations", 1),
                atLeast(c, "embeddings.window", 1));
        JobConfig.Predict predict = new JobConfig.Predict(nonBlank(c, "predict.model-path"),
                nonBlank(c, "predict.output-path"));
        String json = c.root().render(ConfigRenderOptions.concise());
        return new JobConfig(task, nonBlank(c, "input.path"), nonBlank(c, "output.path"), tokenizer, window, model,
                train, generate, evaluate, spark, bench, series, forecast, classify, embeddings, predict, bidirectional,
                json, new JobConfig.Retrain(minImprovement(c), bool(c, "retrain.grow-vocabulary")));
    }

    private static double minImprovement(Config c) {
        double v = number(c, "retrain.min-improvement");
        if (v < 0 || v >= 1) {
            throw ConfigException.of("retrain.min-improvement", v, "a fraction in [0, 1): the relative drop in "
                    + "validation loss a challenger needs to be promoted (0.01 = 1%)");
        }
        return v;
    }

    private static double fraction(Config c, String key) {
        double v = number(c, key);
        if (v < 0 || v >= 1) {
            throw ConfigException.of(key, v, "a fraction in [0, 1)");
        }
        return v;
    }

    private static JobConfig.SeriesTask series(Config c) {
        List<String> values = stringList(c, "series.value-columns");
        if (values.isEmpty() || values.stream().anyMatch(String::isBlank) || new java.util.HashSet<>(values).size() != values.size()) {
            throw ConfigException.of("series.value-columns", values, "a non-empty list of distinct column names");
        }
        List<String> targets = stringList(c, "series.target-columns");
        if (targets.isEmpty()) {
            targets = values;
        }
        if (!values.containsAll(targets)) {
            throw ConfigException.of("series.target-columns", targets, "columns among series.value-columns " + values);
        }
        SeriesColumns columns = new SeriesColumns(nonBlank(c, "series.time-column"), values, targets,
                string(c, "series.id-column").trim());
        String missing = oneOf(c, "series.missing", List.of(SeriesAssembler.FAIL, SeriesAssembler.DROP_WINDOW,
                SeriesAssembler.FORWARD_FILL));
        boolean quarantine = oneOf(c, "series.on-error", List.of("fail", "quarantine")).equals("quarantine");
        SeriesIngest.Settings ingest = new SeriesIngest.Settings(columns, oneOf(c, "series.format",
                List.of(SeriesIngest.AUTO, SeriesIngest.CSV, SeriesIngest.PARQUET)), missing, quarantine);
        int horizon = atLeast(c, "series.horizon", 1);
        Strategy strategy = Strategy.of(oneOf(c, "series.strategy", List.of("one-step", "direct", "recursive")));
        if (strategy == Strategy.ONE_STEP && horizon != 1) {
            throw ConfigException.of("series.horizon", horizon, "1 for series.strategy = one-step (use direct or recursive)");
        }
        if (strategy == Strategy.RECURSIVE && !targets.equals(values)) {
            throw ConfigException.of("series.target-columns", targets,
                    "the value columns " + values + " for series.strategy = recursive (forecasts are fed back as inputs)");
        }
        double train = number(c, "series.split.train");
        double validation = number(c, "series.split.validation");
        if (train <= 0 || train >= 1) {
            throw ConfigException.of("series.split.train", train, "a fraction between 0 and 1 (exclusive)");
        }
        if (validation < 0 || train + validation >= 1) {
            throw ConfigException.of("series.split.validation", validation, "a fraction >= 0 leaving some test data ("
                    + "series.split.train + series.split.validation < 1)");
        }
        String validationFrom = string(c, "series.split.validation-from").trim();
        String testFrom = string(c, "series.split.test-from").trim();
        for (String key : List.of("series.split.validation-from", "series.split.test-from")) {
            String v = string(c, key).trim();
            if (!v.isEmpty() && Double.isNaN(TimeParser.parse(v))) {
                throw ConfigException.of(key, v, "a time like the time column's: a number or an ISO date/time");
            }
        }
        if (!validationFrom.isEmpty() && testFrom.isEmpty()) {
            throw ConfigException.of("series.split.test-from", testFrom, "a time when series.split.validation-from is set");
        }
        return new JobConfig.SeriesTask(ingest, atLeast(c, "series.window", 1), horizon, strategy,
                bool(c, "series.relative-to-last"), oneOf(c, "series.normalization", List.of(Scaling.ZSCORE, Scaling.MINMAX, Scaling.NONE)),
                oneOf(c, "series.normalization-scope", List.of("series", "global")).equals("series"),
                atLeast(c, "series.season", 1), new SplitSpec(train, validation, validationFrom, testFrom));
    }

    /** A list, or (as --set gives it) one string of comma-separated names. */
    private static List<String> stringList(Config c, String key) {
        if (c.getValue(key).valueType() == com.typesafe.config.ConfigValueType.STRING) {
            String v = c.getString(key).trim();
            return v.isEmpty() ? List.of() : java.util.Arrays.stream(v.split(",")).map(String::trim).toList();
        }
        try {
            return c.getStringList(key);
        } catch (com.typesafe.config.ConfigException e) {
            throw ConfigException.of(key, c.getValue(key).unwrapped(), "a list of column names");
        }
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

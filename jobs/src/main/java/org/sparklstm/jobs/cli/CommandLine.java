package org.sparklstm.jobs.cli;

import java.util.ArrayList;
import java.util.List;
import org.sparklstm.jobs.config.ConfigException;

/**
 * {@code <command> [--config FILE] [--set key=value ...] [--overwrite] [--resume DIR] [PATH] [--limit N]
 * [--registry PATH] [--break-lock]}.
 *
 * @param breakLock retrain: break the registry's lock if it is stale (its holder's process is gone, or it is older
 *                  than retrain.lock-stale-after)
 */
public record CommandLine(String command, String configFile, List<String> sets, boolean overwrite, String path,
                          int limit, String resume, String registry, boolean breakLock) {

    public static final String USAGE = """
            usage: spark-lstm <command> [options]
              train     --config FILE [--set key=value ...] [--overwrite]   train a model into output.path
              train     --resume DIR [--set spark.key=value ...]            continue an unfinished run from its last checkpoint
              evaluate  --config FILE [--set key=value ...] [--overwrite]   score a saved language model on input.path
              forecast  --config FILE [--set key=value ...] [--overwrite]   forecast input.path's series with a saved forecaster
              predict   --config FILE [--set key=value ...] [--overwrite]   classify input.path's texts with a saved classifier
              generate  --config FILE [--set key=value ...]                 sample text from a saved model
              retrain   --registry PATH --config FILE [--set key=value ...] warm-start the registry's champion on new input
                                                                            files; promote the challenger if it is better
                        [--break-lock]                              also break the registry's lock if it is stale
              show      PATH [--limit N]                                    print a Parquet table as CSV
              bench     --config FILE [--set key=value ...] [--overwrite]   trainers side by side (BENCHMARKS.md)
              bench-preprocess --config FILE [--set ...] [--overwrite]      preprocessing MB/s beside MLlib""";

    public static CommandLine parse(String[] args) {
        if (args.length == 0) {
            throw new ConfigException(USAGE);
        }
        String command = args[0];
        if (!List.of("train", "evaluate", "forecast", "predict", "generate", "show", "bench", "bench-case", "bench-preprocess", "retrain").contains(command)) {
            throw new ConfigException("unknown command '" + command + "'\n" + USAGE);
        }
        String config = null;
        String path = null;
        String resume = null;
        String registry = null;
        int limit = 20;
        boolean overwrite = false;
        boolean breakLock = false;
        List<String> sets = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--config" -> config = value(args, ++i, "--config");
                case "--set" -> sets.add(value(args, ++i, "--set"));
                case "--overwrite" -> overwrite = true;
                case "--resume" -> resume = value(args, ++i, "--resume");
                case "--registry" -> registry = value(args, ++i, "--registry");
                case "--break-lock" -> breakLock = true;
                case "--limit" -> {
                    String v = value(args, ++i, "--limit");
                    try {
                        limit = Integer.parseInt(v);
                    } catch (NumberFormatException e) {
                        throw ConfigException.of("--limit", v, "a whole number");
                    }
                    if (limit < 0) {
                        throw ConfigException.of("--limit", v, "a number >= 0");
                    }
                }
                default -> {
                    if (args[i].startsWith("--") || path != null) {
                        throw new ConfigException("unexpected argument '" + args[i] + "'\n" + USAGE);
                    }
                    path = args[i];
                }
            }
        }
        boolean positional = command.equals("show") || command.equals("bench-case");
        if (positional && path == null) {
            throw new ConfigException(command + " needs a PATH\n" + USAGE);
        }
        if (!positional && path != null) {
            throw new ConfigException("unexpected argument '" + path + "'\n" + USAGE);
        }
        if (resume != null) {
            if (!command.equals("train")) {
                throw new ConfigException("--resume is for train only\n" + USAGE);
            }
            if (config != null || overwrite) {
                throw new ConfigException("train --resume takes the run's own saved config: drop "
                        + (config != null ? "--config" : "--overwrite"));
            }
            for (String set : sets) {
                if (!set.trim().startsWith("spark.")) {
                    throw new ConfigException("train --resume: --set '" + set
                            + "' would change the run; only spark.* keys may differ from the saved config");
                }
            }
        }
        if (command.equals("retrain") && (registry == null || registry.isBlank())) {
            throw new ConfigException("retrain needs --registry PATH (the registry's folder; created if new)\n" + USAGE);
        }
        if (!command.equals("retrain") && registry != null) {
            throw new ConfigException("--registry is for retrain only\n" + USAGE);
        }
        if (!command.equals("retrain") && breakLock) {
            throw new ConfigException("--break-lock is for retrain only\n" + USAGE);
        }
        return new CommandLine(command, config, sets, overwrite, path, limit, resume, registry, breakLock);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new ConfigException(option + " needs a value");
        }
        return args[i];
    }
}

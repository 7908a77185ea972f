package org.sparklstm.jobs.config;

import java.time.Duration;
import java.util.List;

/** The sections of the commands other than {@code train}: model paths, outputs, Spark, retraining, benchmarks. */
final class CommandSections {

    private CommandSections() {
    }

    static JobConfig.Generate generate(ConfigValues v) {
        String modelPath = v.nonBlank("generate.model-path");
        return new JobConfig.Generate(modelPath, LanguageModelSection.sampling(v));
    }

    /** {@code <command>.model-path} and {@code <command>.output-path}. */
    static JobConfig.Applied applied(ConfigValues v, String command) {
        return new JobConfig.Applied(v.nonBlank(command + ".model-path"), v.nonBlank(command + ".output-path"));
    }

    static JobConfig.Spark spark(ConfigValues v) {
        String master = v.nonBlank("spark.master");
        if (!master.matches("local(\\[(\\*|\\d+)(,\\d+)?\\])?|(spark|yarn|k8s|mesos)(://.*)?")) {
            throw ConfigException.of("spark.master", master, "local[*], local[N], spark://host:port, yarn or k8s://...");
        }
        return new JobConfig.Spark(master, v.nonBlank("spark.app-name"));
    }

    static JobConfig.Bench bench(ConfigValues v) {
        String expected = "a list of integers >= 1";
        List<Integer> frequencies = v.intList("bench.averaging-frequencies", expected);
        if (frequencies.stream().anyMatch(f -> f < 1)) {
            throw ConfigException.of("bench.averaging-frequencies", frequencies, expected);
        }
        return new JobConfig.Bench(v.nonBlank("bench.output-path"), v.atLeast("bench.warmup-minibatches", 1),
                v.atLeast("bench.minibatches", 3), frequencies, v.atLeast("bench.validation-windows", 1),
                v.string("bench.python"));
    }

    static JobConfig.Retrain retrain(ConfigValues v) {
        double minImprovement = v.number("retrain.min-improvement");
        if (minImprovement < 0 || minImprovement >= 1) {
            throw ConfigException.of("retrain.min-improvement", minImprovement, "a fraction in [0, 1): the relative "
                    + "drop in validation loss a challenger needs to be promoted (0.01 = 1%)");
        }
        Duration lockWait = v.duration("retrain.lock-wait");
        if (lockWait.isNegative()) {
            throw ConfigException.of("retrain.lock-wait", lockWait, "a duration >= 0s");
        }
        Duration staleAfter = v.duration("retrain.lock-stale-after");
        if (staleAfter.isNegative() || staleAfter.isZero()) {
            throw ConfigException.of("retrain.lock-stale-after", staleAfter, "a duration > 0s");
        }
        return new JobConfig.Retrain(minImprovement, v.bool("retrain.grow-vocabulary"), lockWait, staleAfter);
    }
}

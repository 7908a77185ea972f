package org.sparklstm.jobs.config;

import java.util.List;
import org.sparklstm.models.lm.SoftmaxSpec;
import org.sparklstm.models.nn.RecurrentCell;
import org.sparklstm.pipeline.flow.ModelSettings;
import org.sparklstm.pipeline.flow.Task;
import org.sparklstm.pipeline.train.ClipMode;

/** {@code model.*} with the optimiser's {@code train.learning-rate}, {@code train.clip-norm} and {@code train.seed}. */
final class ModelSection {

    private ModelSection() {
    }

    static ModelSettings read(ConfigValues v, Task task) {
        double dropout = v.number("model.dropout");
        if (dropout < 0 || dropout >= 1) {
            throw ConfigException.of("model.dropout", dropout, "a probability in [0, 1)");
        }
        double learningRate = v.number("train.learning-rate");
        if (learningRate <= 0) {
            throw ConfigException.of("train.learning-rate", learningRate, "a number > 0");
        }
        // with global clipping the trainer clips, and the network nothing itself
        double clip = TrainSection.clipMode(v) == ClipMode.GLOBAL ? 0 : TrainSection.clipNorm(v);
        long seed = v.longValue("train.seed");
        RecurrentCell cell = RecurrentCell.fromConfigName(v.oneOf("model.cell", List.of("lstm", "peephole", "gru")));
        boolean bidirectional = v.bool("model.bidirectional");
        if (bidirectional && task == Task.LM) {
            throw ConfigException.of("model.bidirectional", true, "false for task = lm (a language model must not "
                    + "see the tokens it predicts)");
        }
        if (bidirectional && task == Task.CLASSIFY && cell != RecurrentCell.GRU) {
            throw ConfigException.of("model.cell", cell.configName(), "gru for a bidirectional classifier (DL4J's "
                    + cell.configName() + " layer ignores the padding mask when read backwards)");
        }
        return new ModelSettings(v.atLeast("model.embedding", 1), v.atLeast("model.layers", 1),
                v.atLeast("model.hidden", 1), dropout, cell, bidirectional, learningRate, clip, seed,
                softmax(v, task), tieWeights(v, task));
    }

    /** A language model's embedding tied to its softmax: one matrix, so the sizes must agree. */
    private static boolean tieWeights(ConfigValues v, Task task) {
        boolean tie = v.bool("model.tie-weights");
        if (tie && task != Task.LM) {
            throw ConfigException.of("model.tie-weights", true, "false for task = " + task.configName()
                    + " (only a language model's output is over its input vocabulary)");
        }
        if (tie && v.atLeast("model.embedding", 1) != v.atLeast("model.hidden", 1)) {
            throw ConfigException.of("model.tie-weights", true, "false, or model.embedding = model.hidden (the "
                    + "softmax's weights are the embedding: got embedding " + v.atLeast("model.embedding", 1)
                    + " and hidden " + v.atLeast("model.hidden", 1) + ")");
        }
        return tie;
    }

    /** How a language model's softmax is trained: full, sampled (with its negatives) or adaptive (its cutoffs). */
    private static SoftmaxSpec softmax(ConfigValues v, Task task) {
        String softmax = v.oneOf("model.softmax", List.of("full", "sampled", "adaptive"));
        if (softmax.equals("full")) {
            return SoftmaxSpec.FULL;
        }
        if (task != Task.LM) {
            throw ConfigException.of("model.softmax", softmax, "full for task = " + task.configName()
                    + " (a sampled or adaptive softmax is for a language model's vocabulary)");
        }
        if (softmax.equals("sampled")) {
            return SoftmaxSpec.sampled(v.atLeast("model.softmax-samples", 1));
        }
        String expected = "a list of ids rising strictly from a first one > 0, for example [2000, 10000]";
        List<Integer> cutoffs = v.intList("model.softmax-cutoffs", expected);
        try {
            return SoftmaxSpec.adaptive(cutoffs);
        } catch (IllegalArgumentException e) {
            throw ConfigException.of("model.softmax-cutoffs", cutoffs, expected);
        }
    }
}

package org.sparklstm.jobs.config;

import org.sparklstm.pipeline.flow.Task;
import org.sparklstm.pipeline.flow.TrainingSettings;
import org.sparklstm.pipeline.train.AdamState;
import org.sparklstm.pipeline.train.ClipMode;
import org.sparklstm.pipeline.train.LearningRateSchedule;
import org.sparklstm.pipeline.train.TrainerKind;

/** {@code train.*}: the trainer, epochs, workers, minibatches and checkpoints. */
final class TrainSection {

    private TrainSection() {
    }

    static TrainingSettings read(ConfigValues v, Task task) {
        TrainerKind trainer = v.oneOf("train.trainer", TrainerKind.values(), TrainerKind::configName);
        TrainingSettings train = new TrainingSettings(trainer, v.atLeast("train.epochs", 1),
                v.atLeast("train.workers", 0), v.atLeast("train.batch-size", 1),
                v.atLeast("train.averaging-frequency", 1), v.atLeast("train.tbptt-length", 0),
                v.longValue("train.seed"), v.atLeast("train.eval-batch-size", 1), updateScale(v),
                v.atLeast("train.checkpoint-every", 0), schedule(v), v.atLeast("train.early-stopping-patience", 0),
                blockMomentum(v, trainer), v.bool("train.stateful"),
                clipMode(v) == ClipMode.GLOBAL ? clipNorm(v) : 0,
                v.oneOf("train.adam-state", AdamState.values(), AdamState::configName),
                v.atLeast("train.global-batch-size", 0));
        if (train.globalBatchSize() > 0 && train.workers() > 0 && train.globalBatchSize() % train.workers() != 0) {
            throw ConfigException.of("train.global-batch-size", train.globalBatchSize(), "a multiple of train.workers ("
                    + train.workers() + "): each worker takes an equal share of every minibatch");
        }
        if (train.adamState() == AdamState.PER_WORKER && trainer != TrainerKind.AVERAGING
                || train.adamState() == AdamState.RESET && trainer == TrainerKind.DL4J_SPARK) {
            throw ConfigException.of("train.adam-state", train.adamState().configName(), (trainer == TrainerKind.DL4J_SPARK
                    ? "averaged" : "averaged or reset") + " for train.trainer = " + trainer.configName()
                    + " (one Adam state updates the model)");
        }
        if (train.checkpointEvery() > 0 && trainer == TrainerKind.DL4J_SPARK) {
            throw ConfigException.of("train.checkpoint-every", train.checkpointEvery(),
                    "0 for train.trainer = dl4j-spark (it fits whole epochs in one call; checkpoints need our trainers)");
        }
        if (task == Task.LM && train.stateful() && trainer == TrainerKind.DL4J_SPARK) {
            throw ConfigException.of("train.stateful", true, "false for train.trainer = dl4j-spark (DL4J's trainer"
                    + " starts every window from a zero state)");
        }
        if (trainer == TrainerKind.DL4J_SPARK && v.bool("model.tie-weights")) {
            throw ConfigException.of("model.tie-weights", true, "false for train.trainer = dl4j-spark (DL4J's trainer "
                    + "rebuilds the network on the executors, where the embedding is not joined to the softmax)");
        }
        if (task != Task.LM && trainer == TrainerKind.DL4J_SPARK) {
            throw ConfigException.of("train.trainer", trainer.configName(),
                    "averaging or sync-gradients (dl4j-spark trains language models only)");
        }
        return train;
    }

    /** The rate starts from {@code train.learning-rate} (checked with the model's section). */
    private static LearningRateSchedule schedule(ConfigValues v) {
        LearningRateSchedule.Kind kind = v.oneOf("train.lr-schedule", LearningRateSchedule.Kind.values(),
                LearningRateSchedule.Kind::configName);
        double factor = v.number("train.lr-factor");
        if (factor <= 0 || factor > 1) {
            throw ConfigException.of("train.lr-factor", factor, "a number in (0, 1]: what the rate is multiplied by");
        }
        return new LearningRateSchedule(kind, v.number("train.learning-rate"), v.atLeast("train.lr-step-epochs", 1),
                factor, v.atLeast("train.lr-patience", 1), v.atLeast("train.warmup-rounds", 0));
    }

    static ClipMode clipMode(ConfigValues v) {
        return v.oneOf("train.clip-mode", ClipMode.values(), ClipMode::configName);
    }

    static double clipNorm(ConfigValues v) {
        double clip = v.number("train.clip-norm");
        if (clip < 0) {
            throw ConfigException.of("train.clip-norm", clip, "a number >= 0 (0 = no clipping)");
        }
        return clip;
    }

    private static double blockMomentum(ConfigValues v, TrainerKind trainer) {
        double momentum = v.number("train.block-momentum");
        if (momentum < 0 || momentum >= 1) {
            throw ConfigException.of("train.block-momentum", momentum, "a number in [0, 1) (0 = plain averaging)");
        }
        if (momentum > 0 && trainer == TrainerKind.DL4J_SPARK) {
            throw ConfigException.of("train.block-momentum", momentum, "0 for train.trainer = " + trainer.configName()
                    + " (block momentum filters our trainers' rounds)");
        }
        return momentum;
    }

    private static double updateScale(ConfigValues v) {
        double scale = v.number("train.update-scale");
        if (scale <= 0) {
            throw ConfigException.of("train.update-scale", scale, "a number > 0 (1 = plain averaging)");
        }
        return scale;
    }
}

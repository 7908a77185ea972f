package org.sparklstm.jobs.config;

import org.sparklstm.models.text.TokenizerSpec;
import org.sparklstm.pipeline.flow.Task;
import org.sparklstm.pipeline.flow.TrainingSettings;
import org.sparklstm.pipeline.lm.HeldOutPaths;
import org.sparklstm.pipeline.lm.LanguageModelSettings;
import org.sparklstm.pipeline.lm.Sampling;
import org.sparklstm.pipeline.sequences.WindowSpec;
import org.sparklstm.pipeline.sequences.WindowStore;
import org.sparklstm.pipeline.train.TrainerKind;

/** The language model's section: {@code sequence.*} windows, the {@code generate.*} sample and the held-out text. */
final class LanguageModelSection {

    private LanguageModelSection() {
    }

    static LanguageModelSettings read(ConfigValues v, Task task, TokenizerSpec tokenizer, TrainingSettings train) {
        int length = v.atLeast("sequence.length", 1);
        double validation = v.number("sequence.validation-fraction");
        if (validation <= 0 || validation >= 1) {
            throw ConfigException.of("sequence.validation-fraction", validation,
                    "a number between 0 and 1 (exclusive)");
        }
        WindowSpec window = new WindowSpec(length, v.atLeast("sequence.stride", 1), validation);
        int tbptt = train.tbpttLength();
        if (task == Task.LM && train.stateful()) {
            requireStatefulWindows(window, tbptt);
        } else if (task == Task.LM && train.globalClipNorm() > 0 && tbptt > 0 && tbptt < length - 1) {
            throw ConfigException.of("train.tbptt-length", tbptt, "0 or >= sequence.length - 1 (" + (length - 1)
                    + ") for train.clip-mode = global: the norm is taken over one window's whole gradient");
        } else if (task == Task.LM && train.trainer() == TrainerKind.SYNC_GRADIENTS && tbptt > 0
                && tbptt < length - 1) {
            throw ConfigException.of("train.tbptt-length", tbptt, "0 or >= sequence.length - 1 (" + (length - 1)
                    + ") for train.trainer = sync-gradients: it averages one gradient per minibatch");
        }
        WindowStore.Kind store = v.oneOf("sequence.store", WindowStore.Kind.values(), WindowStore.Kind::configName);
        return new LanguageModelSettings(tokenizer, window, store, sampling(v), heldOut(v, task), InputSection.reading(v));
    }


    /** {@code input.validation-path} and {@code input.test-path}: a language model's text, read only for task = lm. */
    private static HeldOutPaths heldOut(ConfigValues v, Task task) {
        HeldOutPaths paths = new HeldOutPaths(v.string(HeldOutPaths.VALIDATION_KEY).trim(),
                v.string(HeldOutPaths.TEST_KEY).trim());
        for (String[] key : new String[][]{{HeldOutPaths.VALIDATION_KEY, paths.validation()},
                {HeldOutPaths.TEST_KEY, paths.test()}}) {
            if (task != Task.LM && !key[1].isEmpty()) {
                throw ConfigException.of(key[0], key[1], "\"\" for task = " + task.configName() + " (held-out text "
                        + "files are a language model's; a classifier's test rows are classify.test-path, a "
                        + "forecaster's test is series.split.*)");
            }
        }
        return paths;
    }

    /**
     * Stateful windows must tile the stream (each continues the last) and are themselves the truncation: a
     * shorter truncation would cut the carried state's gradient path twice.
     */
    private static void requireStatefulWindows(WindowSpec window, int tbptt) {
        if (window.stride() != window.length()) {
            throw ConfigException.of("sequence.stride", window.stride(), "sequence.length (" + window.length()
                    + ") with train.stateful = true: each window must start where the last one ended");
        }
        if (tbptt != 0 && tbptt != window.length()) {
            throw ConfigException.of("train.tbptt-length", tbptt, "0 or sequence.length (" + window.length()
                    + ") with train.stateful = true: the window is the truncation and the state is carried");
        }
    }

    /** {@code generate.*} but the model path: what {@code generate} and a finished run sample. */
    static Sampling sampling(ConfigValues v) {
        double temperature = v.number("generate.temperature");
        if (temperature < 0) {
            throw ConfigException.of("generate.temperature", temperature, "a number >= 0");
        }
        return new Sampling(v.string("generate.prompt"), v.atLeast("generate.length", 1), temperature,
                v.longValue("generate.seed"));
    }
}

package org.sparklstm.pipeline.lm;

import org.sparklstm.models.text.TokenizerSpec;
import org.sparklstm.pipeline.ingest.TextReading;
import org.sparklstm.pipeline.sequences.WindowSpec;
import org.sparklstm.pipeline.sequences.WindowStore;

/**
 * The language-model task's own settings: how text becomes tokens ({@code tokenizer.*}), how the token
 * stream is cut into windows and where workers keep them ({@code sequence.*}), the sample a finished run prints
 * ({@code generate.*}), its held-out text ({@code input.validation-path}, {@code input.test-path}), and how its text
 * files are read ({@code input.encoding}, {@code input.max-quarantine-fraction}).
 */
public record LanguageModelSettings(TokenizerSpec tokenizer, WindowSpec window, WindowStore.Kind store,
                                    Sampling sample, HeldOutPaths heldOut, TextReading reading) {
}

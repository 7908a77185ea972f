package org.sparklstm.jobs.config;

import org.sparklstm.pipeline.ingest.TextReading;

/** {@code input.encoding} and {@code input.max-quarantine-fraction}: how every task's files are read. */
final class InputSection {

    private InputSection() {
    }

    static TextReading reading(ConfigValues v) {
        try {
            return new TextReading(v.string("input.encoding").trim(), v.fraction("input.max-quarantine-fraction"));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }
}

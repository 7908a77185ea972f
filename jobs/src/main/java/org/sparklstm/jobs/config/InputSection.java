package org.sparklstm.jobs.config;

import java.util.List;
import org.sparklstm.pipeline.ingest.TextReading;

/** {@code input.encoding}, {@code input.max-quarantine-fraction} and {@code input.on-bad-file}: how files are read. */
final class InputSection {

    private InputSection() {
    }

    static TextReading reading(ConfigValues v) {
        try {
            return new TextReading(v.string("input.encoding").trim(), v.fraction("input.max-quarantine-fraction"),
                    v.oneOf("input.on-bad-file", List.of("fail", "quarantine")).equals("quarantine"));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }
}

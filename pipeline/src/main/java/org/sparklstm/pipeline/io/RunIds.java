package org.sparklstm.pipeline.io;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/** Run ids that sort by start time and do not collide: {@code yyyyMMdd-HHmmss-<8 hex>}. */
public final class RunIds {

    private RunIds() {
    }

    public static String of(Instant started) {
        return DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(started)
                + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}

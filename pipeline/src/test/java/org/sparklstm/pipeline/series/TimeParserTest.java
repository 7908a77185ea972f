package org.sparklstm.pipeline.series;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TimeParserTest {

    @Test
    void numbersDatesAndDateTimesOrderAsTheirInstants() {
        assertEquals(1991.4962, TimeParser.parse(" 1991.4962 "));
        assertEquals(86400.0, TimeParser.parse("1970-01-02"));
        assertEquals(3600.0, TimeParser.parse("1970-01-01 01:00:00"));
        assertEquals(3600.0, TimeParser.parse("1970-01-01T02:00:00+01:00"));
        assertTrue(Double.isNaN(TimeParser.parse("yesterday")));
    }

    @Test
    void fractionsOfASecondAreKept() {
        assertEquals(1991.4962, TimeParser.parse("1970-01-01 00:33:11.4962"), 1e-9);
        assertEquals(1991.5, TimeParser.parse("1970-01-01T00:33:11.5"), 1e-9);
        assertEquals(0.25, TimeParser.parse("1970-01-01T00:00:00.25Z"), 1e-9);
    }
}

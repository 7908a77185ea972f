package org.sparklstm.pipeline.series;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Reads a time cell as a number that orders times: a plain number (a year fraction, an index) as is,
 * an ISO date or date-time as seconds since 1970 (UTC). NaN when it is neither.
 */
public final class TimeParser {

    private TimeParser() {
    }

    public static double parse(String text) {
        String t = text.trim();
        try {
            double v = Double.parseDouble(t);
            return Double.isFinite(v) ? v : Double.NaN;
        } catch (NumberFormatException notNumber) {
            // fall through to dates
        }
        try {
            return LocalDate.parse(t).toEpochDay() * 86400.0;
        } catch (DateTimeParseException notDate) {
            // fall through
        }
        try {
            // with its fraction of a second: Spark writes sub-second timestamps as such texts
            LocalDateTime local = LocalDateTime.parse(t.replace(' ', 'T'));
            return local.toEpochSecond(ZoneOffset.UTC) + local.getNano() / 1e9;
        } catch (DateTimeParseException notLocal) {
            // fall through
        }
        try {
            Instant i = OffsetDateTime.parse(t.replace(' ', 'T')).toInstant();
            return i.getEpochSecond() + i.getNano() / 1e9;
        } catch (DateTimeParseException notOffset) {
            return Double.NaN;
        }
    }
}

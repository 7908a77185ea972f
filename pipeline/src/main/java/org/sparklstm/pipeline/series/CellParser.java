package org.sparklstm.pipeline.series;

import org.sparklstm.pipeline.ingest.RowProblem;
import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import org.sparklstm.models.forecast.SeriesColumns;

/**
 * Turns the cells of one row (already split, as text) into an {@link ParsedRow}: the time must be
 * there and readable, each value a finite number or missing (empty, NA, NaN, null).
 */
final class CellParser implements Serializable {

    private final SeriesColumns columns;
    private final boolean missingIsFatal;

    CellParser(SeriesColumns columns, boolean missingIsFatal) {
        this.columns = columns;
        this.missingIsFatal = missingIsFatal;
    }

    /** @param cells the id (or null for one series), the time and the value columns, in that order */
    ParsedRow parse(String id, String time, List<String> values, String file, long row, String excerpt) {
        if (columns.panel() && (id == null || id.isBlank())) {
            return ParsedRow.of(new RowProblem(file, row, columns.seriesId(), "missing series id", excerpt, false));
        }
        if (time == null || time.isBlank()) {
            return ParsedRow.of(new RowProblem(file, row, columns.time(), "missing time", excerpt, false));
        }
        double t = TimeParser.parse(time);
        if (Double.isNaN(t)) {
            return ParsedRow.of(new RowProblem(file, row, columns.time(),
                    "time '" + time + "' is neither a number nor an ISO date/time", excerpt, false));
        }
        double[] v = new double[values.size()];
        for (int c = 0; c < v.length; c++) {
            String cell = values.get(c);
            String name = columns.values().get(c);
            if (isMissing(cell)) {
                if (missingIsFatal) {
                    return ParsedRow.of(new RowProblem(file, row, name,
                            "missing value (series.missing = fail)", excerpt, true));
                }
                v[c] = Double.NaN;
                continue;
            }
            try {
                v[c] = Double.parseDouble(cell.trim());
            } catch (NumberFormatException e) {
                v[c] = Double.NaN;
            }
            if (!Double.isFinite(v[c])) {
                return ParsedRow.of(new RowProblem(file, row, name, "'" + cell + "' is not a finite number", excerpt,
                        false));
            }
        }
        return ParsedRow.of(new Observation(columns.panel() ? id.trim() : "", t, time.trim(), v, file, row));
    }

    static boolean isMissing(String cell) {
        if (cell == null) {
            return true;
        }
        String c = cell.trim().toLowerCase(Locale.ROOT);
        return c.isEmpty() || c.equals("na") || c.equals("nan") || c.equals("null");
    }
}

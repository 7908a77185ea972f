package org.sparklstm.models.forecast;

import java.io.Serializable;
import java.util.List;

/**
 * Which columns of the input hold what: the time, the values fed to the network, the values it
 * predicts (a subset of the values) and, for a panel of many series, the series id ("" = one series).
 */
public record SeriesColumns(String time, List<String> values, List<String> targets, String seriesId)
        implements Serializable {

    public SeriesColumns {
        values = List.copyOf(values);
        targets = List.copyOf(targets);
        if (!values.containsAll(targets)) {
            throw new IllegalArgumentException("target columns " + targets + " must be among the value columns " + values);
        }
    }

    public boolean panel() {
        return !seriesId.isEmpty();
    }

    /** The target columns as indexes into the value columns. */
    public int[] targetIndexes() {
        return targets.stream().mapToInt(values::indexOf).toArray();
    }
}

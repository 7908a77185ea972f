package org.sparklstm.pipeline.series;

import java.io.Serializable;

/** One input row of one series: its time (as ordered by {@link TimeParser}) and values (NaN = missing). */
public record Observation(String seriesId, double time, String timeText, double[] values, String file, long row)
        implements Serializable {
}

package org.sparklstm.pipeline.forecast;

import java.io.Serializable;
import org.sparklstm.pipeline.io.Column;
import org.sparklstm.pipeline.io.RecordTable;

/**
 * A row of the {@code forecasts} table: one target's forecast {@code horizonStep} steps after an origin,
 * in original units, with the actual value where it is known ({@code split = future}: neither the
 * target time nor the actual).
 */
public record ForecastsRow(String runId, String seriesId, String split, String target, String originTime,
                           @Column(nullable = true) String targetTime, int horizonStep, double forecast,
                           Double actual) implements Serializable {

    public static final RecordTable<ForecastsRow> TABLE = RecordTable.of(ForecastsRow.class);
}

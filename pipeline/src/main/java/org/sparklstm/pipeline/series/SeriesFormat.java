package org.sparklstm.pipeline.series;

import java.util.List;

/** How series files are read ({@code series.format}). */
public enum SeriesFormat {
    /** A header row, one task per file, so that problems name their row. */
    CSV("csv"),
    PARQUET("parquet"),
    /** Parquet where every file ends in {@code .parquet}, else CSV. */
    AUTO("auto");

    private final String configName;

    SeriesFormat(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    /** The format of these files: this one, or the one their names tell where this is {@code AUTO}. */
    SeriesFormat of(List<String> paths) {
        if (this != AUTO) {
            return this;
        }
        return paths.stream().allMatch(p -> p.endsWith(".parquet")) ? PARQUET : CSV;
    }
}

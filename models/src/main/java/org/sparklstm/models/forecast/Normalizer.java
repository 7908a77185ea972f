package org.sparklstm.models.forecast;

import com.google.gson.Gson;
import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;

/**
 * The scaling of every series, fitted on the training part only: one per series, or one shared by
 * all series (global). Saved in the model bundle so forecasts come back in original units.
 */
public record Normalizer(String method, boolean perSeries, Map<String, Scaling> scalings) implements Serializable {

    /** The key of the one shared scaling when the normaliser is global. */
    private static final String GLOBAL = "";

    public static Normalizer fit(String method, boolean perSeries, Map<String, ColumnStatistics> trainingStatistics) {
        Map<String, Scaling> scalings = new TreeMap<>();
        if (perSeries) {
            trainingStatistics.forEach((id, stats) -> scalings.put(id, Scaling.fit(method, stats)));
        } else {
            ColumnStatistics all = null;
            for (ColumnStatistics s : trainingStatistics.values()) {
                all = all == null ? new ColumnStatistics(s.columns()).merge(s) : all.merge(s);
            }
            if (all == null) {
                throw new IllegalArgumentException("no series to fit the normalisation on");
            }
            scalings.put(GLOBAL, Scaling.fit(method, all));
        }
        return new Normalizer(method, perSeries, scalings);
    }

    public Scaling forSeries(String seriesId) {
        Scaling s = scalings.get(perSeries ? seriesId : GLOBAL);
        if (s == null) {
            throw new IllegalArgumentException("series '" + seriesId
                    + "' was not in the training data, and the model's normalisation is per series");
        }
        return s;
    }

    public String toJson() {
        return new Gson().toJson(this);
    }

    public static Normalizer fromJson(String json) {
        Normalizer n = new Gson().fromJson(json, Normalizer.class);
        return new Normalizer(n.method(), n.perSeries(), new TreeMap<>(n.scalings()));
    }
}

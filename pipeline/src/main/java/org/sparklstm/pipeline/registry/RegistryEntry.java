package org.sparklstm.pipeline.registry;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.sparklstm.pipeline.io.Column;
import org.sparklstm.pipeline.io.RecordTable;

/**
 * One row of a model registry: a version trained by {@code retrain} and the decision taken about it.
 *
 * @param parentVersion the champion it was warm-started from; null for a first model
 * @param dataWatermark the newest modification time of the input files this version was trained on
 * @param metrics       the numbers the decision rests on (challenger and champion validation loss, ...)
 * @param promoted      whether it became the champion
 * @param modelPath     its model bundle
 */
public record RegistryEntry(String modelVersion, @Column(nullable = true) String parentVersion, String task,
                            Instant created, Instant dataWatermark, Map<String, Double> metrics, boolean promoted,
                            String reason, String modelPath, String runId) {

    /** The registry table: one row per version. */
    public static final RecordTable<RegistryEntry> TABLE = RecordTable.of(RegistryEntry.class);

    public RegistryEntry {
        // the table keeps microseconds: an entry read back equals the one written
        created = created.truncatedTo(ChronoUnit.MICROS);
        dataWatermark = dataWatermark.truncatedTo(ChronoUnit.MICROS);
        metrics = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metrics));
    }

    /** The version's number: 3 for {@code v3}. */
    public int number() {
        return Versions.number(modelVersion);
    }
}

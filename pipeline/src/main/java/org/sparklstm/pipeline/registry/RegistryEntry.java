package org.sparklstm.pipeline.registry;

import java.time.Instant;
import java.util.Map;

/**
 * One row of a model registry: a version trained by {@code retrain} and the decision taken about it.
 *
 * @param parentVersion the champion it was warm-started from; null for a first model
 * @param dataWatermark the newest modification time of the input files this version was trained on
 * @param metrics       the numbers the decision rests on (challenger and champion validation loss, ...)
 * @param promoted      whether it became the champion
 * @param modelPath     its model bundle
 */
public record RegistryEntry(String modelVersion, String parentVersion, String task, Instant created,
                            Instant dataWatermark, Map<String, Double> metrics, boolean promoted, String reason,
                            String modelPath, String runId) {

    /** The version's number: 3 for {@code v3}. */
    public int number() {
        return Versions.number(modelVersion);
    }
}

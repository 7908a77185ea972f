package org.sparklstm.pipeline.classify;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import org.sparklstm.models.classify.Labels;
import org.sparklstm.pipeline.classify.ClassifierScorer.Prediction;
import org.sparklstm.pipeline.io.Column;
import org.sparklstm.pipeline.io.RecordTable;

/** A row of the {@code predictions} table: a text's predicted class and every class's probability. */
public record PredictionsRow(String runId, String rowId, @Column(nullable = true) String label,
                             String predictedLabel, Map<String, Double> probabilities) implements Serializable {

    public static final RecordTable<PredictionsRow> TABLE = RecordTable.of(PredictionsRow.class);

    public static PredictionsRow of(String runId, Prediction p, Labels labels) {
        Map<String, Double> probabilities = new LinkedHashMap<>();
        for (int c = 0; c < labels.size(); c++) {
            probabilities.put(labels.name(c), p.probabilities()[c]);
        }
        return new PredictionsRow(runId, p.rowId(), p.labelName(), labels.name(p.predicted()), probabilities);
    }

    /** The prediction this row records, its classes indexed as {@code labels} index them. */
    public Prediction prediction(Labels labels) {
        double[] p = new double[labels.size()];
        for (int c = 0; c < p.length; c++) {
            p[c] = probabilities.get(labels.name(c));
        }
        return new Prediction(rowId, label, label == null ? -1 : labels.index(label), labels.index(predictedLabel), p);
    }
}

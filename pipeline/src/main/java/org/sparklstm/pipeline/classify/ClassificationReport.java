package org.sparklstm.pipeline.classify;

import java.util.ArrayList;
import java.util.List;
import org.sparklstm.models.classify.ClassificationMetrics;
import org.sparklstm.models.classify.Labels;
import org.sparklstm.pipeline.classify.ClassifierScorer.Prediction;

/** The metrics of a set of labelled predictions, their mean cross-entropy, and the evaluation and prediction rows. */
public record ClassificationReport(ClassificationMetrics metrics, double loss, double majorityAccuracy) {

    /** @param predictions rows whose label the classifier knows */
    public static ClassificationReport of(List<Prediction> predictions, Labels labels) {
        int n = predictions.size();
        int[] actual = new int[n];
        int[] predicted = new int[n];
        double[] positive = new double[n];
        double loss = 0;
        long[] counts = new long[labels.size()];
        for (int i = 0; i < n; i++) {
            Prediction p = predictions.get(i);
            actual[i] = p.label();
            predicted[i] = p.predicted();
            positive[i] = p.probabilities()[Math.min(1, labels.size() - 1)];
            loss -= Math.log(Math.max(1e-12, p.probabilities()[p.label()]));
            counts[p.label()]++;
        }
        long majority = java.util.Arrays.stream(counts).max().orElse(0);
        return new ClassificationReport(ClassificationMetrics.of(labels.size(), actual, predicted, positive), loss / n,
                (double) majority / n);
    }

    /** Long-format rows: accuracy, macro-F1, ROC AUC, majority accuracy, per-class P/R/F1/support, confusion counts. */
    public List<ClassifyEvaluationRow> evaluationRows(String runId, String split, Labels labels) {
        List<ClassifyEvaluationRow> rows = new ArrayList<>();
        rows.add(new ClassifyEvaluationRow(runId, split, "accuracy", null, null, metrics.accuracy()));
        rows.add(new ClassifyEvaluationRow(runId, split, "macro_f1", null, null, metrics.macroF1()));
        rows.add(new ClassifyEvaluationRow(runId, split, "roc_auc", labels.size() == 2 ? labels.name(1) : null, null,
                Double.isNaN(metrics.rocAuc()) ? null : metrics.rocAuc()));
        rows.add(new ClassifyEvaluationRow(runId, split, "majority_accuracy", null, null, majorityAccuracy));
        rows.add(new ClassifyEvaluationRow(runId, split, "loss", null, null, loss));
        for (int c = 0; c < labels.size(); c++) {
            String name = labels.name(c);
            rows.add(new ClassifyEvaluationRow(runId, split, "precision", name, null, metrics.precision(c)));
            rows.add(new ClassifyEvaluationRow(runId, split, "recall", name, null, metrics.recall(c)));
            rows.add(new ClassifyEvaluationRow(runId, split, "f1", name, null, metrics.f1(c)));
            rows.add(new ClassifyEvaluationRow(runId, split, "support", name, null, (double) metrics.support(c)));
            for (int p = 0; p < labels.size(); p++) {
                rows.add(new ClassifyEvaluationRow(runId, split, "confusion", name, labels.name(p),
                        (double) metrics.confusion()[c][p]));
            }
        }
        return rows;
    }
}

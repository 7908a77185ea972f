package org.sparklstm.pipeline.classify;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.mllib.evaluation.BinaryClassificationMetrics;
import org.apache.spark.storage.StorageLevel;
import org.sparklstm.models.classify.ClassificationMetrics;
import org.sparklstm.models.classify.Labels;
import org.sparklstm.pipeline.classify.ClassifierScorer.Prediction;
import scala.Tuple2;

/** The metrics of a set of labelled predictions, their mean cross-entropy, and the evaluation and prediction rows. */
public record ClassificationReport(ClassificationMetrics metrics, double loss, double majorityAccuracy) {

    /**
     * Computed where the predictions are, without collecting them: confusion counts and loss by a tree
     * aggregation, ROC AUC by MLlib's {@link BinaryClassificationMetrics} (the second class's probability with two
     * classes; with more, the mean of each class's one-vs-rest AUC).
     *
     * @param predictions rows whose label the classifier knows
     */
    public static ClassificationReport of(JavaRDD<Prediction> predictions, Labels labels) {
        int classes = labels.size();
        JavaRDD<Prediction> labelled = predictions.persist(StorageLevel.MEMORY_AND_DISK());
        try {
            ConfusionCounts counts = labelled.treeAggregate(new ConfusionCounts(classes), ConfusionCounts::add,
                    ConfusionCounts::merge);
            long n = Arrays.stream(counts.confusion).flatMapToLong(Arrays::stream).sum();
            if (n == 0) {
                throw new IllegalArgumentException("no rows with a label the classifier knows " + labels.names());
            }
            long majority = Arrays.stream(counts.confusion).mapToLong(row -> Arrays.stream(row).sum()).max()
                    .orElse(0);
            double auc;
            if (classes == 2) {
                auc = rocAuc(labelled, 1);
            } else {
                double sum = 0;
                for (int c = 0; c < classes; c++) {
                    sum += rocAuc(labelled, c);
                }
                auc = sum / classes;
            }
            return new ClassificationReport(new ClassificationMetrics(counts.confusion, auc), counts.lossSum / n,
                    (double) majority / n);
        } finally {
            labelled.unpersist(false);
        }
    }

    /** Class {@code c}'s probability ranking its rows above the others; NaN where only one side has rows. */
    private static double rocAuc(JavaRDD<Prediction> predictions, int c) {
        JavaRDD<Tuple2<Object, Object>> scored = predictions.map(p -> new Tuple2<>(p.probabilities()[c],
                p.label() == c ? 1.0 : 0.0));
        long positives = scored.filter(t -> (double) t._2() == 1.0).count();
        long total = scored.count();
        if (positives == 0 || positives == total) {
            return Double.NaN;
        }
        BinaryClassificationMetrics metrics = new BinaryClassificationMetrics(scored.rdd());
        try {
            return metrics.areaUnderROC();
        } finally {
            metrics.unpersist();
        }
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

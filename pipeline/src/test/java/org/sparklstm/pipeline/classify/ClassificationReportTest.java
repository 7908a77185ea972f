package org.sparklstm.pipeline.classify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sparklstm.models.classify.Labels;
import org.sparklstm.pipeline.SparkTestSupport;
import org.sparklstm.pipeline.classify.ClassifierScorer.Prediction;

/** Metrics of labelled predictions computed on the executors, against counts by hand. */
class ClassificationReportTest extends SparkTestSupport {

    private static Prediction binary(int label, double positive) {
        return new Prediction("r", null, label, positive >= 0.5 ? 1 : 0, new double[]{1 - positive, positive});
    }

    @Test
    void binaryCountsLossAndRankAuc() {
        // positives score 0.9, 0.4, 0.6; negatives 0.1, 0.4, 0.7: 0.9 beats all 3; 0.4 beats 0.1 and ties 0.4
        // (half); 0.6 beats 0.1 and 0.4 -> 6.5 of 9 pairs
        List<Prediction> rows = List.of(binary(1, 0.9), binary(1, 0.4), binary(1, 0.6), binary(0, 0.1),
                binary(0, 0.4), binary(0, 0.7));
        ClassificationReport report = ClassificationReport.of(sc.parallelize(rows, 2),
                new Labels(List.of("other", "great")));
        assertEquals(6.5 / 9, report.metrics().rocAuc(), 1e-12);
        assertArrayEquals(new long[]{2, 1}, report.metrics().confusion()[0]);
        assertArrayEquals(new long[]{1, 2}, report.metrics().confusion()[1]);
        double loss = -(Math.log(0.9) + Math.log(0.4) + Math.log(0.6) + Math.log(0.9) + Math.log(0.6)
                + Math.log(0.3)) / 6;
        assertEquals(loss, report.loss(), 1e-12);
        assertEquals(0.5, report.majorityAccuracy(), 1e-12);
    }

    @Test
    void multiClassAucIsTheMeanOfOneVsRest() {
        List<Prediction> rows = new ArrayList<>();
        // class 0 ranked perfectly by its probability, class 1 and 2 each have one pair out of order
        rows.add(new Prediction("a", null, 0, 0, new double[]{0.8, 0.1, 0.1}));
        rows.add(new Prediction("b", null, 1, 1, new double[]{0.2, 0.5, 0.3}));
        rows.add(new Prediction("c", null, 1, 2, new double[]{0.1, 0.3, 0.6}));
        rows.add(new Prediction("d", null, 2, 2, new double[]{0.1, 0.4, 0.5}));
        ClassificationReport report = ClassificationReport.of(sc.parallelize(rows, 2),
                new Labels(List.of("x", "y", "z")));
        // class 0: 1 positive above all 3 -> 1. class 1 (0.5, 0.3 vs 0.1, 0.4): 0.5 beats both, 0.3 beats 0.1 -> 3/4.
        // class 2 (0.5 vs 0.1, 0.3, 0.6): beats 2 of 3 -> 2/3
        assertEquals((1 + 0.75 + 2.0 / 3) / 3, report.metrics().rocAuc(), 1e-12);
        assertEquals(0.75, report.metrics().accuracy(), 1e-12);
        assertEquals(0.5, report.majorityAccuracy(), 1e-12);
    }
}

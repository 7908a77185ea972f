package org.sparklstm.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One small training run of each task, through the command line, against the table values recorded for
 * the same seeds: what the code does may be rearranged, what it computes may not. Values that measure
 * time or memory (and paths, ids) are left out. Numbers are compared to a relative 2e-3, because other
 * BLAS kernels round differently; the classifier's counts to 3%, because on another kernel a review whose
 * probability sits at one half may fall to the other class and move a confusion cell by one.
 */
class SameResultsTest {

    /** Columns that measure the machine or name the run, not the model. */
    private static final Set<String> UNRECORDED = Set.of("run_id", "start_time", "end_time", "config_json",
            "seconds", "train_tokens_per_second", "train_windows_per_second", "train_rows_per_second",
            "driver_peak_heap_mb");
    private static final double RELATIVE = 2e-3;
    private static final double CLASS_COUNTS = 0.03;

    @TempDir
    static Path tmp;

    @AfterAll
    static void stopReader() {
        ForecastEndToEndTest.stopReader();
    }

    @Test
    void languageModel() throws IOException {
        Path corpus = CliRuns.persuasion(tmp, 600);
        String run = tmp.resolve("lm").toString();
        CliRuns.train(List.of("input.path=" + corpus, "output.path=" + run, "spark.master=local[2]", "train.workers=2",
                "sequence.length=50", "sequence.stride=50", "model.embedding=8", "model.layers=1", "model.hidden=16",
                "train.epochs=2", "train.batch-size=16", "train.tbptt-length=25", "train.stateful=false",
                "generate.length=10"));
        assertTable(run, "runs", "", """
                task=lm documents=1 tokens=34065 vocabulary_size=76 quarantined_records=0 train_windows=613 \
                untrained_tokens=7 validation_windows=68 epochs=2 final_train_loss=3.25336 final_validation_loss=3.18413 \
                final_validation_perplexity=24.1462 final_validation_bits_per_char=4.59372 \
                baseline_validation_loss=3.13463 test_tokens=null test_loss=null test_perplexity=null \
                test_bits_per_char=null baseline_test_loss=null
                """);
        assertTable(run, "metrics", "epoch, split", """
                epoch=1 round=4 split=train loss=4.04146 perplexity=56.9093 bits_per_char=5.83059 tokens=30650
                epoch=1 round=4 split=validation loss=3.63844 perplexity=38.0324 bits_per_char=5.24916 tokens=3400
                epoch=2 round=4 split=train loss=3.25336 perplexity=25.8772 bits_per_char=4.69361 tokens=30650
                epoch=2 round=4 split=validation loss=3.18413 perplexity=24.1462 bits_per_char=4.59372 tokens=3400
                """);
    }

    @Test
    void forecaster() {
        String run = tmp.resolve("sunspots").toString();
        CliRuns.train(ForecastEndToEndTest.sets("../data-samples/sunspot.month.csv", run, "series.window=24",
                "train.epochs=2", "series.split.train=0.7", "series.split.validation=0.1"));
        assertTable(run, "runs", "", """
                task=forecast series=1 rows=3177 quarantined_records=0 missing_values=0 filled_values=0 \
                dropped_windows=0 train_windows=2199 validation_windows=318 epochs=2 final_train_loss=0.177156 \
                final_validation_mae=17.9610 test_mae=13.2288 test_naive_mae=13.1531 \
                test_seasonal_naive_mae=27.0634
                """);
        assertTable(run, "metrics", "epoch, split", """
                epoch=1 round=7 split=train loss=0.310092 mae=null rmse=null windows=2199
                epoch=1 round=7 split=validation loss=null mae=20.1513 rmse=28.1533 windows=318
                epoch=2 round=7 split=train loss=0.177156 mae=null rmse=null windows=2199
                epoch=2 round=7 split=validation loss=null mae=17.9610 rmse=25.0662 windows=318
                """);
        assertTable(run, "evaluation", "split, method", """
                series_id= split=test target=value horizon_step=1 method=model n=636 mae=13.2288 rmse=18.1883 \
                mase=1.16620 smape=31.4708
                series_id= split=test target=value horizon_step=1 method=naive n=636 mae=13.1531 rmse=18.1307 \
                mase=1.15953 smape=31.5018
                series_id= split=test target=value horizon_step=1 method=seasonal_naive n=636 mae=27.0634 \
                rmse=35.8873 mase=2.38580 smape=58.6316
                series_id= split=validation target=value horizon_step=1 method=model n=318 mae=17.9610 \
                rmse=25.0662 mase=1.58337 smape=32.1637
                series_id= split=validation target=value horizon_step=1 method=naive n=318 mae=15.4664 \
                rmse=21.1114 mase=1.36345 smape=31.7706
                series_id= split=validation target=value horizon_step=1 method=seasonal_naive n=318 mae=34.1959 \
                rmse=43.9618 mase=3.01458 smape=64.3683
                """);
        assertTable(run, "forecasts", "split, origin_time", "SELECT split, count(*) AS n, sum(forecast) AS total "
                + "FROM forecasts GROUP BY split ORDER BY split", """
                split=test n=636 total=37946.1
                split=validation n=318 total=23325.9
                """);
    }

    @Test
    void classifier() throws IOException {
        Path train = CliRuns.reviews(tmp, 1500);
        String run = tmp.resolve("reviews").toString();
        CliRuns.train(List.of("task=classify", "input.path=" + train,
                "classify.test-path=../data-samples/fine_foods_test.csv", "output.path=" + run, "classify.text-column=review", "classify.label-column=score",
                "classify.max-length=40", "tokenizer.type=word", "tokenizer.lowercase=true", "tokenizer.min-count=3",
                "model.embedding=16", "model.layers=1", "model.hidden=16", "train.epochs=2", "train.batch-size=32",
                "train.learning-rate=0.01", "spark.master=local[2]"));
        assertTable(run, "runs", "", null, """
                task=classify classes=2 vocabulary_size=2921 quarantined_records=0 train_rows=1356 \
                validation_rows=144 test_rows=1000 word2vec_rows=0 epochs=2 final_train_loss=0.606822 \
                validation_accuracy=0.659722 test_accuracy=0.664000 test_macro_f1=0.423358 test_roc_auc=0.669391 \
                test_majority_accuracy=0.658000
                """, CLASS_COUNTS);
        assertTable(run, "metrics", "epoch, split", null, """
                epoch=1 round=5 split=train loss=0.647648 accuracy=null rows=1356
                epoch=1 round=5 split=validation loss=0.646454 accuracy=0.659722 rows=144
                epoch=2 round=5 split=train loss=0.606822 accuracy=null rows=1356
                epoch=2 round=5 split=validation loss=0.629987 accuracy=0.659722 rows=144
                """, CLASS_COUNTS);
        assertTable(run, "evaluation", "split, metric, class, predicted_class", null, """
                split=test metric=accuracy class=null predicted_class=null value=0.664000
                split=test metric=confusion class=great predicted_class=great value=655.000
                split=test metric=confusion class=great predicted_class=other value=3.00000
                split=test metric=confusion class=other predicted_class=great value=333.000
                split=test metric=confusion class=other predicted_class=other value=9.00000
                split=test metric=f1 class=great predicted_class=null value=0.795869
                split=test metric=f1 class=other predicted_class=null value=0.0508475
                split=test metric=loss class=null predicted_class=null value=0.610557
                split=test metric=macro_f1 class=null predicted_class=null value=0.423358
                split=test metric=majority_accuracy class=null predicted_class=null value=0.658000
                split=test metric=precision class=great predicted_class=null value=0.662955
                split=test metric=precision class=other predicted_class=null value=0.750000
                split=test metric=recall class=great predicted_class=null value=0.995441
                split=test metric=recall class=other predicted_class=null value=0.0263158
                split=test metric=roc_auc class=other predicted_class=null value=0.669391
                split=test metric=support class=great predicted_class=null value=658.000
                split=test metric=support class=other predicted_class=null value=342.000
                split=validation metric=accuracy class=null predicted_class=null value=0.659722
                split=validation metric=confusion class=great predicted_class=great value=95.0000
                split=validation metric=confusion class=great predicted_class=other value=0.00000
                split=validation metric=confusion class=other predicted_class=great value=49.0000
                split=validation metric=confusion class=other predicted_class=other value=0.00000
                split=validation metric=f1 class=great predicted_class=null value=0.794979
                split=validation metric=f1 class=other predicted_class=null value=0.00000
                split=validation metric=loss class=null predicted_class=null value=0.629987
                split=validation metric=macro_f1 class=null predicted_class=null value=0.397490
                split=validation metric=majority_accuracy class=null predicted_class=null value=0.659722
                split=validation metric=precision class=great predicted_class=null value=0.659722
                split=validation metric=precision class=other predicted_class=null value=0.00000
                split=validation metric=recall class=great predicted_class=null value=1.00000
                split=validation metric=recall class=other predicted_class=null value=0.00000
                split=validation metric=roc_auc class=other predicted_class=null value=0.593555
                split=validation metric=support class=great predicted_class=null value=95.0000
                split=validation metric=support class=other predicted_class=null value=49.0000
                """, CLASS_COUNTS);
        assertTable(run, "predictions", "", "SELECT predicted_label, count(*) AS n FROM predictions "
                + "GROUP BY predicted_label ORDER BY predicted_label", """
                predicted_label=great n=988
                predicted_label=other n=12
                """, CLASS_COUNTS);
    }

    private static void assertTable(String run, String table, String order, String expected) {
        assertTable(run, table, order, null, expected, RELATIVE);
    }

    private static void assertTable(String run, String table, String order, String query, String expected) {
        assertTable(run, table, order, query, expected, RELATIVE);
    }

    /** Compares a table's rows (or a query's over it), in {@code order}, with the recorded lines. */
    private static void assertTable(String run, String table, String order, String query, String expected,
                                    double relative) {
        SparkSession spark = ForecastEndToEndTest.reader();
        Dataset<Row> rows = spark.read().parquet(run + "/" + table);
        if (query != null) {
            rows.createOrReplaceTempView(table);
            rows = spark.sql(query);
        } else if (!order.isEmpty()) {
            rows = rows.orderBy(Arrays.stream(order.split(",")).map(String::trim)
                    .map(org.apache.spark.sql.functions::col).toArray(org.apache.spark.sql.Column[]::new));
        }
        List<String> actual = rows.collectAsList().stream().map(SameResultsTest::render).toList();
        List<String> recorded = expected.lines().filter(l -> !l.isBlank()).toList();
        String all = table + ":\n" + String.join("\n", actual);
        assertEquals(recorded.size(), actual.size(), all);
        for (int i = 0; i < actual.size(); i++) {
            assertSameLine(recorded.get(i), actual.get(i), all, relative);
        }
    }

    private static String render(Row row) {
        String[] names = row.schema().fieldNames();
        List<String> fields = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            if (!UNRECORDED.contains(names[i])) {
                Object v = row.get(i);
                fields.add(names[i] + "=" + (v instanceof Double d ? String.format("%.6g", d) : v));
            }
        }
        return fields.stream().collect(Collectors.joining(" "));
    }

    private static void assertSameLine(String recorded, String actual, String all, double relative) {
        String[] want = recorded.trim().split(" ");
        String[] got = actual.split(" ");
        if (want.length != got.length) {
            fail("recorded " + recorded + "\nactual   " + actual + "\n" + all);
        }
        for (int i = 0; i < want.length; i++) {
            if (want[i].equals(got[i])) {
                continue;
            }
            String[] w = want[i].split("=", 2);
            String[] g = got[i].split("=", 2);
            try {
                double a = Double.parseDouble(w[1]);
                double b = Double.parseDouble(g[1]);
                if (w[0].equals(g[0]) && Math.abs(a - b) <= relative * Math.max(Math.abs(a), 1e-9)) {
                    continue;
                }
            } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                // not a number: must be equal
            }
            fail(w[0] + ": recorded " + want[i] + ", now " + got[i] + "\nrecorded " + recorded + "\nactual   "
                    + actual + "\n" + all);
        }
    }
}

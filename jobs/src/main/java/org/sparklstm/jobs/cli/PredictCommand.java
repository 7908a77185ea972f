package org.sparklstm.jobs.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.storage.StorageLevel;
import org.sparklstm.jobs.config.JobConfig;
import org.sparklstm.models.classify.ClassifierBundle;
import org.sparklstm.models.classify.Labels;
import org.sparklstm.models.train.NetworkState;
import org.sparklstm.pipeline.classify.ClassificationReport;
import org.sparklstm.pipeline.classify.ClassifierScorer.Prediction;
import org.sparklstm.pipeline.classify.ClassifierScorer;
import org.sparklstm.pipeline.classify.ClassifySettings;
import org.sparklstm.pipeline.classify.LabelledTextIngest;
import org.sparklstm.pipeline.classify.PredictionsRow;
import org.sparklstm.pipeline.flow.DriverMemory;
import org.sparklstm.pipeline.ingest.InputFiles;
import org.sparklstm.pipeline.ingest.RowQuarantineRow;
import org.sparklstm.pipeline.io.HadoopConf;
import org.sparklstm.pipeline.io.RunDirectory;
import org.sparklstm.pipeline.io.Tables;

/**
 * {@code predict}: applies a saved classifier (its tokenizer, vocabulary, length limit and classes)
 * to the rows of {@code input.path} and writes the {@code predictions} table of a new directory.
 * Rows with labels are also scored (set {@code classify.label-column = ""} for rows without).
 */
public final class PredictCommand {

    private PredictCommand() {
    }

    /** @return the predictions table's path */
    public static String run(JobConfig config, boolean overwrite, PrintStream out) throws IOException {
        Configuration hadoop = HadoopConf.forJobs();
        List<FileStatus> files = InputFiles.resolve("input.path", config.inputPath(), hadoop);
        String outputPath = config.predict().outputPath();
        RunDirectory.checkWritable("predict.output-path", outputPath, overwrite, hadoop);
        DriverMemory.watch();
        String table = NewRun.in(config.spark(), outputPath, (spark, run, runId, started) -> {
            ClassifierBundle bundle = ClassifierBundle.load(new Path(config.predict().modelPath()),
                    spark.sparkContext().hadoopConfiguration());
            ClassifySettings c = config.classify();
            // kept on disk between the counts and the scoring: the driver's heap does not grow with the rows
            LabelledTextIngest.Result input = LabelledTextIngest.read(spark, files, c.columns(), c.quarantine(),
                    c.encoding(), StorageLevel.DISK_ONLY());
            RowQuarantineRow.write(spark, runId, input.quarantined(), run.path(Tables.QUARANTINE));
            Labels labels = bundle.labels();
            JavaRDD<Prediction> scored = ClassifierScorer.predict(input.rows(),
                    bundle.network().getLayerWiseConfigurations().toJson(), NetworkState.capture(bundle.network()),
                    bundle.preparation(), labels, config.train().evalBatchSize());
            Tables.write(PredictionsRow.TABLE.frame(spark, scored.map(p -> PredictionsRow.of(runId, p, labels))),
                    run.path(Tables.PREDICTIONS));
            // the counts and metrics come from the table just written: the rows are neither scored again nor held
            JavaRDD<Prediction> predictions = spark.read().parquet(run.path(Tables.PREDICTIONS)).javaRDD()
                    .map(r -> PredictionsRow.TABLE.fromRow(r).prediction(labels));
            JavaRDD<Prediction> labelled = predictions.filter(p -> p.label() >= 0);
            out.printf("%,d predictions, %,d quarantined rows; classes %s%n", predictions.count(),
                    input.quarantinedCount(), labels.names());
            if (!labelled.isEmpty()) {
                ClassificationReport report = ClassificationReport.of(labelled, labels);
                out.printf("on the %,d rows with a known label: accuracy %.4f, macro-F1 %.4f%n",
                        report.metrics().total(), report.metrics().accuracy(), report.metrics().macroF1());
            }
            out.println(DriverMemory.peakSummary());
            return run.finalPath(Tables.PREDICTIONS);
        });
        out.println("outputs in " + outputPath + ": predictions/, quarantine/");
        return table;
    }
}

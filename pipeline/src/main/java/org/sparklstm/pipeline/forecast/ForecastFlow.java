package org.sparklstm.pipeline.forecast;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.sparklstm.models.forecast.ColumnStatistics;
import org.sparklstm.models.forecast.ForecastBundle;
import org.sparklstm.models.forecast.ForecastNetworkFactory;
import org.sparklstm.models.forecast.ForecastSpec;
import org.sparklstm.models.forecast.Normalizer;
import org.sparklstm.models.forecast.SeriesColumns;
import org.sparklstm.models.train.FitStatistics;
import org.sparklstm.models.train.NetworkState;
import org.sparklstm.pipeline.flow.CommonSettings;
import org.sparklstm.pipeline.flow.ConsoleProgress;
import org.sparklstm.pipeline.flow.DriverMemory;
import org.sparklstm.pipeline.flow.ModelSettings;
import org.sparklstm.pipeline.flow.Task;
import org.sparklstm.pipeline.flow.Trained;
import org.sparklstm.pipeline.flow.TrainingFlow;
import org.sparklstm.pipeline.flow.TrainingInputs;
import org.sparklstm.pipeline.flow.TrainingRun;
import org.sparklstm.pipeline.forecast.ForecastEvaluator.SeriesResult;
import org.sparklstm.pipeline.ingest.InputException;
import org.sparklstm.pipeline.ingest.RowProblem;
import org.sparklstm.pipeline.ingest.RowQuarantineRow;
import org.sparklstm.pipeline.io.Tables;
import org.sparklstm.pipeline.series.Series;
import org.sparklstm.pipeline.series.SeriesCoverage;
import org.sparklstm.pipeline.series.SeriesIngest;
import org.sparklstm.pipeline.series.SeriesWindowing;
import org.sparklstm.pipeline.series.SplitSpec;
import org.sparklstm.pipeline.train.EpochResult;
import org.sparklstm.pipeline.train.EpochValidation;
import org.sparklstm.pipeline.train.Trainer;
import org.sparklstm.pipeline.train.Trainers;

/**
 * A forecaster: ingest series -> split in time -> normaliser fitted on the training parts -> windows dealt
 * to workers -> training (validation after each epoch) -> rolling-origin evaluation against the naive
 * baselines -> model bundle, evaluation, forecasts, metrics, runs and quarantine tables.
 */
public final class ForecastFlow extends TrainingFlow<ForecastData, ErrorSummary, ForecastResult> {

    private final ForecastSettings task;

    public ForecastFlow(CommonSettings common, ForecastSettings task, PrintStream out) {
        super(common, out);
        this.task = task;
    }

    @Override
    public String outputs() {
        return "model/, evaluation/, forecasts/, metrics/, runs/, quarantine/";
    }

    /**
     * Trains on series already read, such as a DataFrame's (the Spark ML estimator), in a run whose outputs go to
     * its staging paths.
     */
    public ForecastResult trainOnSeries(TrainingRun run, SeriesIngest.Result input) throws IOException {
        DriverMemory.watch();
        printStart(run, common.inputPath());
        return trainOn(run, prepare(run, input));
    }

    /** The partitions series are grouped into: as many as the workers, and at least two. */
    public int partitions(JavaSparkContext sc) {
        return Math.max(train.workersIn(sc), 2);
    }

    @Override
    protected ForecastData prepare(TrainingRun run, TrainingInputs inputs) {
        printStart(run, common.inputPath() + " (" + inputs.files().size() + " files)");
        return prepare(run, SeriesIngest.read(run.spark(), inputs.files(), task.ingest(), partitions(run.sc())));
    }

    private void printStart(TrainingRun run, String input) {
        JavaSparkContext sc = run.sc();
        out.printf("run %s: forecasting %s from %s, Spark %s with %d cores%n", run.runId(),
                task.ingest().columns().targets(), input, sc.master(), sc.defaultParallelism());
    }

    private ForecastData prepare(TrainingRun run, SeriesIngest.Result input) {
        JavaSparkContext sc = run.sc();
        SeriesColumns columns = task.ingest().columns();
        int workers = train.workersIn(sc);
        JavaRDD<Series> series = input.series();
        long missing = series.map(s -> (long) s.missingValues()).fold(0L, Long::sum);
        long filled = series.map(s -> (long) s.filledValues()).fold(0L, Long::sum);

        Map<String, ColumnStatistics> statistics = SeriesWindowing.trainingStatistics(series, task.split(),
                columns.values().size());
        Normalizer normalizer = Normalizer.fit(task.normalization().configName(), task.perSeries(), statistics);
        var shared = sc.broadcast(normalizer);
        ModelSettings m = common.model();
        ForecastSpec spec = new ForecastSpec(columns.values().size(), columns.targetIndexes(), task.window(),
                task.horizon(), task.strategy(), task.relative(), m.layers(), m.hidden(), m.dropout(),
                m.learningRate(), m.clipNorm(), m.seed()).withCell(m.cell(), m.bidirectional());
        JavaRDD<RowProblem> leftOut = SeriesCoverage.leftOut(series, task.split(), spec, common.inputPath(),
                columns.seriesId()).cache();
        RowQuarantineRow.write(run.spark(), run.runId(), input.quarantined().union(leftOut),
                run.path(Tables.QUARANTINE));
        long seriesLeftOut = leftOut.count();
        if (seriesLeftOut > 0) {
            out.printf("%,d of %,d series left out of training or evaluation (quarantine rows), for example: %s%n",
                    seriesLeftOut, input.seriesCount(), leftOut.take(3).stream().map(RowProblem::reason)
                            .collect(Collectors.joining(" | ")));
        }
        leftOut.unpersist();
        SeriesWindowing.Counted windows = SeriesWindowing.blocks(series, shared, task.split(), SplitSpec.TRAIN, spec,
                workers);
        if (windows.windows() == 0) {
            throw new InputException("input.path: no complete training windows: each series' training part must be "
                    + "longer than series.window (" + task.window() + ") + the steps trained (" + spec.trainedSteps()
                    + "); " + windows.dropped() + " windows had missing values");
        }
        out.printf("series: %,d series, %,d rows, %,d quarantined rows, %,d missing values (%,d filled); "
                        + "%,d training windows (%,d dropped for missing values) on %d workers%n",
                input.seriesCount(), input.rows(), input.quarantinedCount(), missing, filled, windows.windows(),
                windows.dropped(), workers);
        return new ForecastData(input, seriesLeftOut, missing, filled, normalizer, shared, spec, windows);
    }

    @Override
    protected MultiLayerNetwork network(TrainingRun run, ForecastData data) {
        ForecastSpec spec = data.spec();
        MultiLayerNetwork net = ForecastNetworkFactory.create(spec);
        out.printf("model: window %d of %d columns -> %d x %s%s %d -> %d outputs (%s, horizon %d), %,d parameters%n",
                spec.window(), spec.inputs(), spec.layers(), spec.bidirectional() ? "bidirectional " : "",
                spec.cell().configName(), spec.hidden(), spec.outputSize(), spec.strategy().key(),
                spec.horizon(), net.numParams());
        return net;
    }

    @Override
    protected Trainer trainer(TrainingRun run, ForecastData data, MultiLayerNetwork net) {
        return Trainers.forBlocks(train, run.sc(), data.train().blocks(), net, train.workersIn(run.sc()), run.roundFiles());
    }

    @Override
    protected String units() {
        return "windows";
    }

    @Override
    protected EpochValidation validate(TrainingRun run, ForecastData data, String networkJson, int epoch,
                                       FitStatistics fitted, double seconds, NetworkState state) {
        if (!task.validating()) {
            return null;
        }
        ErrorSummary v = ErrorSummary.of(evaluator(networkJson, data).evaluate(data.series(), state,
                data.sharedNormalizer(), List.of(SplitSpec.VALIDATION), null).collect());
        out.printf("epoch %d/%d done in %s: train loss %.4f; validation MAE %.4f (naive %.4f)%n", epoch,
                train.epochs(), ConsoleProgress.duration(seconds), fitted.meanLoss(), v.mae(ForecastEvaluator.MODEL),
                v.mae(ForecastEvaluator.NAIVE));
        return new ForecastValidation(v.mae(ForecastEvaluator.MODEL), v.rmse(ForecastEvaluator.MODEL),
                v.count(ForecastEvaluator.MODEL));
    }

    /** Rolling-origin forecasts of the validation and test parts; writes the evaluation and forecasts tables. */
    @Override
    protected ErrorSummary evaluate(TrainingRun run, ForecastData data, Trained trained) {
        if (trained.kept() != null) {
            out.printf("keeping the model of epoch %d (lowest validation MAE %.4f)%n", trained.kept().epoch(),
                    trained.kept().validationLoss());
        }
        List<String> parts = task.validating() ? List.of(SplitSpec.VALIDATION, SplitSpec.TEST)
                : List.of(SplitSpec.TEST);
        JavaRDD<SeriesResult> results = evaluator(trained.networkJson(), data).evaluate(data.series(),
                trained.model(), data.sharedNormalizer(), parts, run.runId()).persist(StorageLevel.MEMORY_AND_DISK());
        List<SeriesResult> collected = results.map(r -> new SeriesResult(r.errors(), List.of(), r.skippedOrigins()))
                .collect();
        ForecastEvaluationRow.TABLE.write(run.spark(), ErrorSummary.rows(run.runId(), collected),
                run.path(Tables.EVALUATION));
        Tables.write(ForecastsRow.TABLE.frame(run.spark(), results.flatMap(r -> r.forecasts().iterator())),
                run.path(Tables.FORECASTS));
        results.unpersist();
        return ErrorSummary.of(collected.stream().map(r -> new SeriesResult(
                r.errors().stream().filter(e -> e.split().equals(SplitSpec.TEST)).toList(), List.of(), 0)).toList());
    }

    @Override
    protected void saveModel(TrainingRun run, ForecastData data, Trained trained, ErrorSummary test)
            throws IOException {
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("run_id", run.runId());
        stats.put("series", data.input().seriesCount());
        stats.put("rows", data.input().rows());
        stats.put("train_windows", data.train().windows());
        stats.put("test_mae", test.mae(ForecastEvaluator.MODEL));
        stats.put("test_naive_mae", test.mae(ForecastEvaluator.NAIVE));
        stats.put("test_seasonal_naive_mae", test.mae(ForecastEvaluator.SEASONAL_NAIVE));
        new ForecastBundle(trained.network(), data.spec(), task.ingest().columns(), task.season(), data.normalizer(),
                run.configJson(), stats).save(new Path(run.path(Tables.MODEL)), run.hadoop());
    }

    @Override
    protected void writeMetrics(TrainingRun run, Trained trained, ErrorSummary scores) {
        List<ForecastMetricsRow> rows = new ArrayList<>();
        for (EpochResult e : trained.epochs()) {
            rows.add(new ForecastMetricsRow(run.runId(), e.epoch(), trained.rounds(), SplitSpec.TRAIN,
                    e.train().meanLoss(), null, null, e.train().tokens(), e.trainSeconds()));
            if (e.validation() instanceof ForecastValidation v) {
                rows.add(new ForecastMetricsRow(run.runId(), e.epoch(), trained.rounds(), SplitSpec.VALIDATION, null,
                        v.mae(), v.rmse(), v.windows(), e.validationSeconds()));
            }
        }
        ForecastMetricsRow.TABLE.write(run.spark(), rows, run.path(Tables.METRICS));
    }

    @Override
    protected void writeRun(TrainingRun run, ForecastData data, Trained trained, ErrorSummary test) {
        SeriesIngest.Result input = data.input();
        ForecastValidation last = (ForecastValidation) trained.keptEpoch().validation();
        ForecastRunsRow row = new ForecastRunsRow(run.runId(), Task.FORECAST.configName(), run.started(),
                Instant.now(), run.configJson(), input.seriesCount(), input.rows(), input.quarantinedCount(),
                data.missing(), data.filled(), data.train().dropped(), data.train().windows(),
                last == null ? 0 : last.windows(), trained.epochs().size(), trained.lastEpoch().train().meanLoss(),
                last == null ? null : last.mae(), test.orNull(ForecastEvaluator.MODEL),
                test.orNull(ForecastEvaluator.NAIVE), test.orNull(ForecastEvaluator.SEASONAL_NAIVE),
                trained.throughput(), DriverMemory.peakHeapMb());
        ForecastRunsRow.TABLE.write(run.spark(), List.of(row), run.path(Tables.RUNS));
    }

    @Override
    protected ForecastResult summarize(TrainingRun run, ForecastData data, Trained trained, ErrorSummary test) {
        test.print(out, "test", data.spec().horizon());
        out.printf("training: %,.0f windows/s; %s%n", trained.throughput(), DriverMemory.summary());
        long quarantined = data.input().quarantinedCount();
        if (quarantined > 0 || data.seriesLeftOut() > 0) {
            out.printf("%,d input rows were quarantined and %,d series left out: see %s%n", quarantined,
                    data.seriesLeftOut(), run.directory().finalPath(Tables.QUARANTINE));
        }
        return new ForecastResult(run.directory().target(), test, data.train().windows());
    }

    private ForecastEvaluator evaluator(String networkJson, ForecastData data) {
        return new ForecastEvaluator(networkJson, data.spec(), task.ingest().columns().targets(), task.split(),
                task.season());
    }
}

package org.sparklstm.pipeline.flow;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.sparklstm.models.train.FitStatistics;
import org.sparklstm.models.train.NetworkState;
import org.sparklstm.models.train.WorkerNetworks;
import org.sparklstm.pipeline.ingest.InputFiles;
import org.sparklstm.pipeline.train.CheckpointedTraining;
import org.sparklstm.pipeline.train.EpochResult;
import org.sparklstm.pipeline.train.EpochValidation;
import org.sparklstm.pipeline.train.Trainer;
import org.sparklstm.pipeline.train.TrainingPosition;

/**
 * The training flow, written once: prepare the data, build the network, train epoch by epoch with
 * checkpoints and a validation after each (at the scheduled learning rate, stopping early where asked),
 * then evaluate, save the model and write the metrics and runs tables, and report. Each task fills the hooks; the flow reads no configuration file and no command line.
 *
 * @param <D> the task's prepared data
 * @param <S> what the trained model scored after training (its test or final validation results)
 * @param <R> what a finished run returns to its caller
 */
public abstract class TrainingFlow<D, S, R> {

    protected final CommonSettings common;
    protected final TrainingSettings train;
    protected final PrintStream out;

    protected TrainingFlow(CommonSettings common, PrintStream out) {
        this.common = common;
        this.train = common.train();
        this.out = out;
    }

    /** The files the run reads, resolved before Spark starts so that a bad path fails early. */
    public TrainingInputs resolveInputs(Configuration hadoop) {
        return new TrainingInputs(InputFiles.resolve("input.path", common.inputPath(), hadoop), List.of(),
                List.of());
    }

    /** The outputs of a finished run, as the console names them: {@code model/, metrics/, ...}. */
    public abstract String outputs();

    /** A whole run: its data prepared from {@code inputs}, then {@link #trainOn}. */
    public final R train(TrainingRun run, TrainingInputs inputs) throws IOException {
        DriverMemory.watch();
        return trainOn(run, prepare(run, inputs));
    }

    /** Trains on prepared data and writes the model and tables into the run's staging paths. */
    public final R trainOn(TrainingRun run, D data) throws IOException {
        MultiLayerNetwork net = network(run, data);
        String json = net.getLayerWiseConfigurations().toJson();
        Trainer trainer = trainer(run, data, net);
        DriverMemory.watch();
        CheckpointedTraining loop = CheckpointedTraining.inRun(trainer, run.directory(), train.checkpointEvery(),
                train.epochs(), run.hadoop()).scheduled(train.schedule()).stoppingEarly(train.earlyStopping());
        if (keepsBestEpoch()) {
            loop.keepingLowestValidationLoss();
        }
        TrainingPosition end = loop.fromLatest(new ConsoleProgress(out, units()), (epoch, fitted, seconds, state) -> {
            long start = System.nanoTime();
            EpochValidation validation = validate(run, data, json, epoch, fitted, seconds, state);
            return validation == null ? EpochResult.unvalidated(epoch, fitted, seconds)
                    : new EpochResult(epoch, fitted, seconds, validation, (System.nanoTime() - start) / 1e9);
        }, out::println);
        WorkerNetworks.releaseAll();
        DriverMemory.trainingEnds();
        Trained trained = new Trained(json, trainer, end);
        run.sc().setJobDescription("evaluate and write outputs");
        S scores = evaluate(run, data, trained);
        saveModel(run, data, trained, scores);
        writeMetrics(run, trained, scores);
        writeRun(run, data, trained, scores);
        return summarize(run, data, trained, scores);
    }

    /** Reads and prepares the inputs (quarantining bad records) and reports what they hold. */
    protected abstract D prepare(TrainingRun run, TrainingInputs inputs) throws IOException;

    /** The network to train, reported on the console. */
    protected abstract MultiLayerNetwork network(TrainingRun run, D data) throws IOException;

    /** The trainer of the data's training blocks (see {@link org.sparklstm.pipeline.train.Trainers}). */
    protected abstract Trainer trainer(TrainingRun run, D data, MultiLayerNetwork net);

    /** What training throughput counts, for the progress lines: tokens, windows or texts. */
    protected abstract String units();

    /**
     * True where the model kept is always the epoch's with the lowest validation loss, not the last (with
     * early stopping every task keeps it).
     */
    protected boolean keepsBestEpoch() {
        return false;
    }

    /** Scores the network after an epoch and reports it; null where the run does not validate. */
    protected abstract EpochValidation validate(TrainingRun run, D data, String networkJson, int epoch,
                                                FitStatistics fitted, double seconds, NetworkState state);

    /** Scores the trained model (writing any evaluation tables) before it is saved. */
    protected abstract S evaluate(TrainingRun run, D data, Trained trained) throws IOException;

    /** Saves the model bundle under {@code run.path(Tables.MODEL)}. */
    protected abstract void saveModel(TrainingRun run, D data, Trained trained, S scores) throws IOException;

    /**
     * Writes the metrics table: a training row, and a validation row where there is one, per epoch (and a language
     * model's test row).
     */
    protected abstract void writeMetrics(TrainingRun run, Trained trained, S scores);

    /** Writes the runs table's row. */
    protected abstract void writeRun(TrainingRun run, D data, Trained trained, S scores);

    /** Reports the results on the console and returns them. */
    protected abstract R summarize(TrainingRun run, D data, Trained trained, S scores);
}

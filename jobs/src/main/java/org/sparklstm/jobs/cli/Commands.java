package org.sparklstm.jobs.cli;

import java.io.PrintStream;
import org.sparklstm.jobs.bench.BenchCase;
import org.sparklstm.jobs.bench.BenchChild;
import org.sparklstm.jobs.bench.BenchJob;
import org.sparklstm.jobs.bench.PreprocessBench;
import org.sparklstm.jobs.config.ConfigLoader;
import org.sparklstm.jobs.config.JobConfig;

/** Parses the command line and runs its command: each command is a small class of its own. */
public final class Commands {

    private Commands() {
    }

    public static void run(String[] args, PrintStream out) throws Exception {
        CommandLine cli = CommandLine.parse(args);
        if (cli.command().equals("show")) {
            ShowCommand.run(cli.path(), cli.limit(), out);
            return;
        }
        if (cli.resume() != null) {
            ResumeCommand.run(cli.resume(), cli.sets(), out);
            return;
        }
        JobConfig config = ConfigLoader.load(cli.configFile(), cli.sets());
        switch (cli.command()) {
            case "train" -> TrainCommand.run(config, cli.overwrite(), out);
            case "forecast" -> ForecastCommand.run(config, cli.overwrite(), out);
            case "predict" -> PredictCommand.run(config, cli.overwrite(), out);
            case "evaluate" -> EvaluateCommand.run(config, cli.overwrite(), out);
            case "generate" -> out.println(GenerateCommand.run(config.generate()));
            case "retrain" -> new RetrainCommand(config, cli.registry(), cli.breakLock(), out).run();
            case "bench" -> new BenchJob(config, cli.overwrite(), out).run();
            case "bench-preprocess" -> new PreprocessBench(config, cli.overwrite(), out).run();
            // one measurement of bench, in a process of its own (internal)
            case "bench-case" -> new BenchChild(config, BenchCase.parse(cli.path()), out).run();
            default -> throw new IllegalStateException(cli.command());
        }
    }
}

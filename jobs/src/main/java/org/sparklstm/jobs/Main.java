package org.sparklstm.jobs;

import org.sparklstm.pipeline.ingest.InputException;
import org.sparklstm.pipeline.train.TrainingDivergedException;

/** The entry point of {@code bin/spark-lstm} and of {@code spark-submit --class org.sparklstm.jobs.Main}. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** @return the process exit code: 0 done, 2 bad configuration or input, 1 failure */
    public static int run(String[] args) {
        try {
            CommandLine cli = CommandLine.parse(args);
            if (cli.command().equals("show")) {
                ShowCommand.run(cli.path(), cli.limit(), System.out);
                return 0;
            }
            if (cli.resume() != null) {
                ResumeCommand.run(cli.resume(), cli.sets(), System.out);
                return 0;
            }
            JobConfig config = ConfigLoader.load(cli.configFile(), cli.sets());
            switch (cli.command()) {
                case "train" -> {
                    if (config.forecasting()) {
                        new ForecastTrainJob(config, cli.overwrite(), System.out).run();
                    } else if (config.task().equals("classify")) {
                        new ClassifyTrainJob(config, cli.overwrite(), System.out).run();
                    } else {
                        new TrainJob(config, cli.overwrite(), System.out).run();
                    }
                }
                case "forecast" -> new ForecastJob(config, cli.overwrite(), System.out).run();
                case "predict" -> new PredictJob(config, cli.overwrite(), System.out).run();
                case "evaluate" -> new EvaluateJob(config, cli.overwrite(), System.out).run();
                case "generate" -> System.out.println(GenerateJob.generate(config.generate()));
                case "retrain" -> new RetrainJob(config, cli.registry(), System.out).run();
                case "bench" -> new BenchJob(config, cli.overwrite(), System.out).run();
                case "bench-preprocess" -> new PreprocessBench(config, cli.overwrite(), System.out).run();
                // one measurement of bench, in a process of its own (internal)
                case "bench-case" -> new BenchChild(config, BenchCase.parse(cli.path()), System.out).run();
                default -> throw new IllegalStateException(cli.command());
            }
            return 0;
        } catch (ConfigException | InputException | IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            return 2;
        } catch (TrainingDivergedException e) {
            System.err.println("error: " + e.getMessage());
            return 1;
        } catch (Exception e) {
            System.err.println("failed: " + e);
            e.printStackTrace(System.err);
            return 1;
        }
    }
}

package org.sparklstm.jobs;

import java.io.IOException;
import java.util.List;
import org.sparklstm.jobs.cli.ClusterSubmit;
import org.sparklstm.jobs.cli.Commands;
import org.sparklstm.jobs.cli.RunStoppedException;
import org.sparklstm.jobs.config.ConfigException;
import org.sparklstm.pipeline.ingest.InputException;
import org.sparklstm.pipeline.registry.RegistryLockedException;
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
            Commands.run(args, System.out);
            return 0;
        } catch (ConfigException | InputException | IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            return 2;
        } catch (ClusterSubmit submit) {
            return submitted(submit, args);
        } catch (RunStoppedException e) {
            // the shutdown hook has printed the reason; the process exits with the signal's code (128 + its number)
            return 1;
        } catch (TrainingDivergedException | RegistryLockedException e) {
            System.err.println("error: " + e.getMessage());
            return 1;
        } catch (OutOfMemoryError e) {
            System.err.println("error: the driver ran out of memory (" + e.getMessage() + ", a heap of "
                    + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB); the run is marked failed. Give it "
                    + "more: SPARK_LSTM_DRIVER_MEMORY for bin/spark-lstm, --driver-memory for spark-submit");
            return 1;
        } catch (Exception e) {
            // bad input found by a task reaches the driver inside Spark's job failure
            InputException input = inputCause(e);
            if (input != null) {
                System.err.println("error: " + input.getMessage());
                return 2;
            }
            System.err.println("failed: " + e);
            e.printStackTrace(System.err);
            return 1;
        }
    }

    /** The command run again by the cluster's spark-submit, which has the scheduler this Spark lacks. */
    private static int submitted(ClusterSubmit submit, String[] args) {
        System.err.println(submit.getMessage());
        try {
            return submit.run(List.of(args), System.getenv("SPARK_LSTM_DRIVER_MEMORY"));
        } catch (IOException e) {
            System.err.println("error: cannot start spark-submit: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    private static InputException inputCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InputException input) {
                return input;
            }
        }
        return null;
    }
}

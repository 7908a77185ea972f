package org.sparklstm.jobs.bench;

import org.sparklstm.jobs.config.ConfigException;

/**
 * One measurement of the benchmark, run in its own process so its peak memory is its own.
 *
 * @param trainer     averaging (ours), sync-gradients (ours), averaging-dl4j-lstm (ours with DL4J's LSTM layer), dl4j (single process,
 *                    no Spark, DL4J's LSTM), dl4j-fused (single process, FusedLstm), dl4j-spark, pytorch or sgemm
 * @param ompThreads  OMP_NUM_THREADS for the process; empty = the library's default
 */
public record BenchCase(String name, String trainer, int workers, int frequency, int minibatches, String ompThreads,
                 double updateScale) {

    /** The form passed to the child process: trainer:workers:frequency:minibatches:update-scale. */
    String spec() {
        return trainer + ":" + workers + ":" + frequency + ":" + minibatches + ":" + updateScale;
    }

    public static BenchCase parse(String spec) {
        String[] p = spec.split(":");
        if (p.length != 5) {
            throw new ConfigException("bench case '" + spec + "' is not trainer:workers:frequency:minibatches:scale");
        }
        return new BenchCase(spec, p[0], Integer.parseInt(p[1]), Integer.parseInt(p[2]), Integer.parseInt(p[3]), "",
                Double.parseDouble(p[4]));
    }
}

package org.sparklstm.pipeline.flow;

import org.apache.spark.api.java.JavaSparkContext;
import org.sparklstm.pipeline.train.AdamState;
import org.sparklstm.pipeline.train.LearningRateSchedule;
import org.sparklstm.pipeline.train.TrainerKind;

/**
 * How any task trains (the {@code train.*} keys): the trainer, epochs, workers, minibatches and
 * checkpoints. {@link org.sparklstm.pipeline.train.Trainers} turns it into a trainer.
 *
 * @param workers         partitions trained in parallel; 0 = Spark's default parallelism
 * @param batchSize       sequences per minibatch, per worker (when {@code globalBatchSize} is 0)
 * @param tbpttLength     truncated BPTT length of a language model; 0 = full BPTT
 * @param checkpointEvery averaging rounds between checkpoints; 0 = none
 * @param schedule        the learning rate of every round
 * @param earlyStopping   epochs without a lower validation loss before training stops, keeping the best
 *                        epoch; 0 = train every epoch
 * @param blockMomentum   parameter averaging's momentum over rounds (BMUF); 0 = plain averaging
 * @param stateful        a language model trains and validates stateful: each worker reads its part of the
 *                        stream as {@code batchSize} rows, and each window starts from the state its row's previous
 *                        window ended in (the window is the truncation: {@code tbpttLength} is not used)
 * @param globalClipNorm  {@code train.clip-mode = global}: the limit of the gradient's L2 norm over all
 *                        parameters (the network then clips nothing itself); 0 with per-layer clipping
 * @param adamState       what parameter averaging does with the workers' Adam moments after a round
 */
public record TrainingSettings(TrainerKind trainer, int epochs, int workers, int batchSize, int averagingFrequency,
                               int tbpttLength, long seed, int evalBatchSize, double updateScale,
                               int checkpointEvery, LearningRateSchedule schedule, int earlyStopping,
                               double blockMomentum, boolean stateful, double globalClipNorm,
                               AdamState adamState, int globalBatchSize) {

    /** The workers to train on in this Spark context. */
    public int workersIn(JavaSparkContext sc) {
        return workers > 0 ? workers : sc.defaultParallelism();
    }

    /** Each worker's minibatch on {@code workerCount} workers. */
    public int batchSizePerWorker(int workerCount) {
        if (globalBatchSize == 0) {
            return batchSize;
        }
        if (globalBatchSize % workerCount != 0) {
            throw new IllegalArgumentException("train.global-batch-size " + globalBatchSize + " does not split evenly"
                    + " over " + workerCount + " workers: set a multiple of train.workers");
        }
        return globalBatchSize / workerCount;
    }
}

package org.sparklstm.pipeline.flow;

import java.util.List;
import org.apache.hadoop.fs.FileStatus;

/**
 * The files a training run reads, resolved before Spark starts so that a bad path fails early.
 *
 * @param testFiles labelled rows scored after training (classification; empty otherwise)
 */
public record TrainingInputs(List<FileStatus> files, List<FileStatus> testFiles) {

    public TrainingInputs {
        files = List.copyOf(files);
        testFiles = List.copyOf(testFiles);
    }
}

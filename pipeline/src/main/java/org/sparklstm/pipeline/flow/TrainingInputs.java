package org.sparklstm.pipeline.flow;

import java.util.List;
import org.apache.hadoop.fs.FileStatus;

/**
 * The files a training run reads, resolved before Spark starts so that a bad path fails early.
 *
 * @param validationFiles a language model's held-out validation text (empty otherwise)
 * @param testFiles       scored after training: a classifier's labelled rows, a language model's held-out text
 *                        (empty otherwise)
 */
public record TrainingInputs(List<FileStatus> files, List<FileStatus> validationFiles, List<FileStatus> testFiles) {

    public TrainingInputs {
        files = List.copyOf(files);
        validationFiles = List.copyOf(validationFiles);
        testFiles = List.copyOf(testFiles);
    }
}

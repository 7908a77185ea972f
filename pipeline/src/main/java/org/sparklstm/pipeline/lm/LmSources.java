package org.sparklstm.pipeline.lm;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.sparklstm.pipeline.flow.TrainingInputs;
import org.sparklstm.pipeline.ingest.InputException;
import org.sparklstm.pipeline.ingest.InputFiles;
import org.sparklstm.pipeline.ingest.TextReading;

/**
 * The text a language model reads: its training files and, where set, held-out validation and test files. All
 * are encoded with the encoding learned from (or carried over to) the training files.
 */
public record LmSources(TextSource train, Optional<TextSource> validation, Optional<TextSource> test) {

    /** Training text only: validation is the end of its stream, and there is no test. */
    public static LmSources training(String inputPath, List<FileStatus> files, TextReading reading) {
        return new LmSources(new TextSource("input.path", inputPath, files, reading), Optional.empty(),
                Optional.empty());
    }

    /**
     * Every set path resolved to its files before Spark starts, so that a bad one fails early; held-out files that
     * {@code input.path} also reads are refused, since the model would train on them.
     */
    public static TrainingInputs resolve(String inputPath, HeldOutPaths heldOut, Configuration hadoop) {
        List<FileStatus> train = InputFiles.resolve("input.path", inputPath, hadoop);
        Set<Path> trained = train.stream().map(FileStatus::getPath).collect(Collectors.toSet());
        return new TrainingInputs(train, heldOut(HeldOutPaths.VALIDATION_KEY, heldOut.validation(), trained, hadoop),
                heldOut(HeldOutPaths.TEST_KEY, heldOut.test(), trained, hadoop));
    }

    private static List<FileStatus> heldOut(String key, String path, Set<Path> trained, Configuration hadoop) {
        if (path.isEmpty()) {
            return List.of();
        }
        List<FileStatus> files = InputFiles.resolve(key, path, hadoop);
        List<Path> shared = files.stream().map(FileStatus::getPath).filter(trained::contains).toList();
        if (!shared.isEmpty()) {
            throw new InputException(key + ": '" + path + "' holds files that input.path trains on: "
                    + shared.stream().limit(5).toList());
        }
        return files;
    }

    /** The sources of inputs resolved by {@link #resolve}. */
    public static LmSources of(String inputPath, HeldOutPaths heldOut, TrainingInputs inputs, TextReading reading) {
        return new LmSources(new TextSource("input.path", inputPath, inputs.files(), reading),
                source(HeldOutPaths.VALIDATION_KEY, heldOut.validation(), inputs.validationFiles(), reading),
                source(HeldOutPaths.TEST_KEY, heldOut.test(), inputs.testFiles(), reading));
    }

    private static Optional<TextSource> source(String key, String path, List<FileStatus> files,
                                               TextReading reading) {
        return path.isEmpty() ? Optional.empty() : Optional.of(new TextSource(key, path, files, reading));
    }
}

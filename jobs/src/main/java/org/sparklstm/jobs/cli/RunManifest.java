package org.sparklstm.jobs.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValueFactory;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.sparklstm.jobs.config.JobConfig;
import org.sparklstm.pipeline.io.RunDirectory;

/**
 * {@code run.json} at a run directory's root, written when the run starts: its id, start time, the
 * resolved config and the input files it read. {@code train --resume} needs nothing else.
 */
record RunManifest(String runId, Instant started, Config config, List<InputFile> inputs) {

    static final String FILE = "run.json";

    /** An input file as the run first saw it; a resumed run must see the same. */
    record InputFile(String path, long length, long modified) {

        static InputFile of(FileStatus s) {
            return new InputFile(s.getPath().toString(), s.getLen(), s.getModificationTime());
        }
    }

    static RunManifest of(String runId, Instant started, JobConfig config, List<FileStatus> files) {
        return new RunManifest(runId, started, ConfigFactory.parseString(config.resolvedJson()),
                files.stream().map(InputFile::of).toList());
    }

    void writeTo(RunDirectory run) throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("run_id", runId);
        root.put("started", started.toString());
        root.put("inputs", inputs.stream().map(f -> Map.of("path", f.path(), "length", f.length(),
                "modified", f.modified())).toList());
        String json = ConfigValueFactory.fromMap(root).withValue("config", config.root())
                .render(ConfigRenderOptions.concise().setFormatted(true));
        run.writeText(FILE, json);
    }

    static RunManifest read(String runDirectory, Configuration hadoop) throws IOException {
        Path file = new Path(runDirectory, FILE);
        if (!file.getFileSystem(hadoop).exists(file)) {
            throw new IllegalArgumentException("--resume: '" + runDirectory + "' has no " + FILE
                    + " (is it the output.path of a train run?)");
        }
        try {
            Config c = ConfigFactory.parseString(RunDirectory.readText(file, hadoop));
            List<InputFile> inputs = c.getConfigList("inputs").stream()
                    .map(i -> new InputFile(i.getString("path"), i.getLong("length"), i.getLong("modified"))).toList();
            return new RunManifest(c.getString("run_id"), Instant.parse(c.getString("started")), c.getConfig("config"),
                    inputs);
        } catch (ConfigException | java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("--resume: " + file + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** Refuses to go on when the input files are not the ones the run began with. */
    void checkSameInputs(List<FileStatus> files) {
        List<InputFile> now = files.stream().map(InputFile::of).toList();
        if (!now.equals(inputs)) {
            throw new IllegalArgumentException("--resume: the input files changed since the run began: it read "
                    + inputs + ", now there are " + now);
        }
    }
}

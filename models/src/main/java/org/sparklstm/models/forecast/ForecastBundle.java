package org.sparklstm.models.forecast;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.sparklstm.models.nn.BundleFiles;

/**
 * A trained forecaster in one directory on any Hadoop FileSystem: the network ({@code network.zip}),
 * what it reads and predicts ({@code forecast.json}: spec, columns, season), the normalisation fitted
 * on the training data ({@code normalizer.json}), the job's configuration and run statistics.
 */
public record ForecastBundle(MultiLayerNetwork network, ForecastSpec spec, SeriesColumns columns, int season,
                             Normalizer normalizer, String configJson, Map<String, Object> statistics) {

    public static final String FORECAST = "forecast.json";
    public static final String NORMALIZER = "normalizer.json";
    public static final String CONFIG = "config.json";
    public static final String STATISTICS = "statistics.json";

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues()
            .create();

    private record Description(ForecastSpec spec, SeriesColumns columns, int season) {
    }

    public void save(Path dir, Configuration hadoop) throws IOException {
        FileSystem fs = dir.getFileSystem(hadoop);
        fs.mkdirs(dir);
        BundleFiles.writeNetwork(fs, dir, network);
        BundleFiles.write(fs, new Path(dir, FORECAST), GSON.toJson(new Description(spec, columns, season)));
        BundleFiles.write(fs, new Path(dir, NORMALIZER), normalizer.toJson());
        BundleFiles.write(fs, new Path(dir, CONFIG), configJson);
        BundleFiles.write(fs, new Path(dir, STATISTICS), GSON.toJson(statistics));
    }

    public static ForecastBundle load(Path dir, Configuration hadoop) throws IOException {
        FileSystem fs = dir.getFileSystem(hadoop);
        BundleFiles.requireAll(fs, dir, List.of(BundleFiles.NETWORK, FORECAST, NORMALIZER, CONFIG, STATISTICS));
        Description d = GSON.fromJson(BundleFiles.read(fs, new Path(dir, FORECAST)), Description.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> stats = GSON.fromJson(BundleFiles.read(fs, new Path(dir, STATISTICS)), LinkedHashMap.class);
        return new ForecastBundle(BundleFiles.readNetwork(fs, dir), d.spec(), d.columns(), d.season(),
                Normalizer.fromJson(BundleFiles.read(fs, new Path(dir, NORMALIZER))),
                BundleFiles.read(fs, new Path(dir, CONFIG)), stats);
    }
}

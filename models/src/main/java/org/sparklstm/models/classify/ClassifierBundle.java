package org.sparklstm.models.classify;

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
import org.sparklstm.models.text.TextEncodingJson;

/**
 * A trained classifier in one directory on any Hadoop FileSystem: the network ({@code network.zip}),
 * how texts become ids ({@code vocabulary.json}: tokenizer settings, tokens and BPE merges), what
 * the classes are and how long a text may be ({@code classifier.json}), the job's configuration and
 * run statistics.
 */
public record ClassifierBundle(MultiLayerNetwork network, TextPreparation preparation, Labels labels,
                               String configJson, Map<String, Object> statistics) {

    public static final String VOCABULARY = "vocabulary.json";
    public static final String CLASSIFIER = "classifier.json";
    public static final String CONFIG = "config.json";
    public static final String STATISTICS = "statistics.json";

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues()
            .create();

    private record Description(int maxLength, boolean keepEnd, List<String> labels) {
    }

    public void save(Path dir, Configuration hadoop) throws IOException {
        FileSystem fs = dir.getFileSystem(hadoop);
        fs.mkdirs(dir);
        BundleFiles.writeNetwork(fs, dir, network);
        BundleFiles.write(fs, new Path(dir, VOCABULARY), TextEncodingJson.write(preparation.encoding()));
        Description d = new Description(preparation.maxLength(), preparation.keepEnd(), labels.names());
        BundleFiles.write(fs, new Path(dir, CLASSIFIER), GSON.toJson(d));
        BundleFiles.write(fs, new Path(dir, CONFIG), configJson);
        BundleFiles.write(fs, new Path(dir, STATISTICS), GSON.toJson(statistics));
    }

    public static ClassifierBundle load(Path dir, Configuration hadoop) throws IOException {
        FileSystem fs = dir.getFileSystem(hadoop);
        BundleFiles.requireAll(fs, dir, List.of(BundleFiles.NETWORK, VOCABULARY, CLASSIFIER, CONFIG, STATISTICS));
        Description d = GSON.fromJson(BundleFiles.read(fs, new Path(dir, CLASSIFIER)), Description.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> stats = GSON.fromJson(BundleFiles.read(fs, new Path(dir, STATISTICS)), LinkedHashMap.class);
        TextPreparation preparation = new TextPreparation(
                TextEncodingJson.parse(BundleFiles.read(fs, new Path(dir, VOCABULARY))), d.maxLength(), d.keepEnd());
        return new ClassifierBundle(BundleFiles.readNetwork(fs, dir), preparation, new Labels(d.labels()),
                BundleFiles.read(fs, new Path(dir, CONFIG)), stats);
    }
}

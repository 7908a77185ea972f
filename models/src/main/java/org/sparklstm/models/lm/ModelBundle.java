package org.sparklstm.models.lm;

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
import org.sparklstm.models.text.TextEncoding;
import org.sparklstm.models.text.TextEncodingJson;
import org.sparklstm.models.text.TokenizerSpec;
import org.sparklstm.models.text.Vocabulary;

/**
 * A trained model in one directory on any Hadoop FileSystem: the DL4J network with its updater
 * ({@code network.zip}), the text encoding: tokenizer settings, vocabulary and, for bpe, the merges
 * ({@code vocabulary.json}), the job's resolved configuration ({@code config.json}) and the data
 * statistics with the baseline to beat ({@code statistics.json}).
 */
public record ModelBundle(MultiLayerNetwork network, TextEncoding encoding, String configJson,
                          Map<String, Object> statistics) {

    public static final String NETWORK = BundleFiles.NETWORK;
    public static final String VOCABULARY = "vocabulary.json";
    public static final String CONFIG = "config.json";
    public static final String STATISTICS = "statistics.json";

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues()
            .create();

    /** A char or word model. */
    public ModelBundle(MultiLayerNetwork network, TokenizerSpec tokenizer, Vocabulary vocabulary, String configJson,
                       Map<String, Object> statistics) {
        this(network, TextEncoding.of(tokenizer, vocabulary), configJson, statistics);
    }

    public TokenizerSpec tokenizer() {
        return encoding.spec();
    }

    public Vocabulary vocabulary() {
        return encoding.vocabulary();
    }

    public void save(Path dir, Configuration hadoop) throws IOException {
        FileSystem fs = dir.getFileSystem(hadoop);
        fs.mkdirs(dir);
        BundleFiles.writeNetwork(fs, dir, network);
        write(fs, new Path(dir, VOCABULARY), TextEncodingJson.write(encoding));
        write(fs, new Path(dir, CONFIG), configJson);
        write(fs, new Path(dir, STATISTICS), GSON.toJson(statistics));
    }

    public static ModelBundle load(Path dir, Configuration hadoop) throws IOException {
        FileSystem fs = dir.getFileSystem(hadoop);
        BundleFiles.requireAll(fs, dir, List.of(NETWORK, VOCABULARY, CONFIG, STATISTICS));
        MultiLayerNetwork net = BundleFiles.readNetwork(fs, dir);
        TextEncoding encoding = TextEncodingJson.parse(read(fs, new Path(dir, VOCABULARY)));
        @SuppressWarnings("unchecked")
        Map<String, Object> stats = GSON.fromJson(read(fs, new Path(dir, STATISTICS)), LinkedHashMap.class);
        return new ModelBundle(net, encoding, read(fs, new Path(dir, CONFIG)), stats);
    }

    private static void write(FileSystem fs, Path path, String text) throws IOException {
        BundleFiles.write(fs, path, text);
    }

    private static String read(FileSystem fs, Path path) throws IOException {
        return BundleFiles.read(fs, path);
    }
}

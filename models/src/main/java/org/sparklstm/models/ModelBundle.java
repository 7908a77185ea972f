package org.sparklstm.models;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * A trained model in one directory on any Hadoop FileSystem: the DL4J network with its updater
 * ({@code network.zip}), the tokenizer and vocabulary ({@code vocabulary.json}), the job's resolved
 * configuration ({@code config.json}) and the data statistics with the baseline to beat
 * ({@code statistics.json}).
 */
public record ModelBundle(MultiLayerNetwork network, TokenizerSpec tokenizer, Vocabulary vocabulary,
                          String configJson, Map<String, Object> statistics) {

    public static final String NETWORK = BundleFiles.NETWORK;
    public static final String VOCABULARY = "vocabulary.json";
    public static final String CONFIG = "config.json";
    public static final String STATISTICS = "statistics.json";

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues()
            .create();

    public void save(Path dir, Configuration hadoop) throws IOException {
        FileSystem fs = dir.getFileSystem(hadoop);
        fs.mkdirs(dir);
        BundleFiles.writeNetwork(fs, dir, network);
        write(fs, new Path(dir, VOCABULARY), GSON.toJson(vocabularyJson()));
        write(fs, new Path(dir, CONFIG), configJson);
        write(fs, new Path(dir, STATISTICS), GSON.toJson(statistics));
    }

    public static ModelBundle load(Path dir, Configuration hadoop) throws IOException {
        FileSystem fs = dir.getFileSystem(hadoop);
        BundleFiles.requireAll(fs, dir, List.of(NETWORK, VOCABULARY, CONFIG, STATISTICS));
        MultiLayerNetwork net = BundleFiles.readNetwork(fs, dir);
        JsonObject vocab = JsonParser.parseString(read(fs, new Path(dir, VOCABULARY))).getAsJsonObject();
        JsonObject t = vocab.getAsJsonObject("tokenizer");
        TokenizerSpec spec = new TokenizerSpec(t.get("type").getAsString(), t.get("pattern").getAsString(),
                t.get("lowercase").getAsBoolean(), t.get("max_vocabulary").getAsInt(), t.get("min_count").getAsInt());
        List<String> tokens = new ArrayList<>();
        vocab.getAsJsonArray("tokens").forEach(e -> tokens.add(e.getAsString()));
        @SuppressWarnings("unchecked")
        Map<String, Object> stats = GSON.fromJson(read(fs, new Path(dir, STATISTICS)), LinkedHashMap.class);
        return new ModelBundle(net, spec, new Vocabulary(tokens), read(fs, new Path(dir, CONFIG)), stats);
    }

    private JsonObject vocabularyJson() {
        JsonObject t = new JsonObject();
        t.addProperty("type", tokenizer.type());
        t.addProperty("pattern", tokenizer.pattern());
        t.addProperty("lowercase", tokenizer.lowercase());
        t.addProperty("max_vocabulary", tokenizer.maxVocabulary());
        t.addProperty("min_count", tokenizer.minCount());
        JsonArray tokens = new JsonArray();
        vocabulary.tokens().forEach(tokens::add);
        JsonObject o = new JsonObject();
        o.add("tokenizer", t);
        o.add("tokens", tokens);
        return o;
    }

    private static void write(FileSystem fs, Path path, String text) throws IOException {
        BundleFiles.write(fs, path, text);
    }

    private static String read(FileSystem fs, Path path) throws IOException {
        return BundleFiles.read(fs, path);
    }
}

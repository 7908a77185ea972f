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
        // bundles written before bpe existed have no bpe_vocabulary and no merges
        int bpeVocabulary = t.has("bpe_vocabulary") ? t.get("bpe_vocabulary").getAsInt()
                : TokenizerSpec.DEFAULT_BPE_VOCABULARY;
        TokenizerSpec spec = new TokenizerSpec(t.get("type").getAsString(), t.get("pattern").getAsString(),
                t.get("lowercase").getAsBoolean(), t.get("max_vocabulary").getAsInt(), t.get("min_count").getAsInt(),
                bpeVocabulary);
        List<String> tokens = new ArrayList<>();
        vocab.getAsJsonArray("tokens").forEach(e -> tokens.add(e.getAsString()));
        List<BpeMerges.Merge> merges = new ArrayList<>();
        if (vocab.has("merges")) {
            vocab.getAsJsonArray("merges").forEach(e -> merges.add(new BpeMerges.Merge(
                    e.getAsJsonArray().get(0).getAsString(), e.getAsJsonArray().get(1).getAsString())));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> stats = GSON.fromJson(read(fs, new Path(dir, STATISTICS)), LinkedHashMap.class);
        TextEncoding encoding = new TextEncoding(spec, new Vocabulary(tokens), new BpeMerges(merges));
        return new ModelBundle(net, encoding, read(fs, new Path(dir, CONFIG)), stats);
    }

    private JsonObject vocabularyJson() {
        TokenizerSpec tokenizer = tokenizer();
        JsonObject t = new JsonObject();
        t.addProperty("type", tokenizer.type());
        t.addProperty("pattern", tokenizer.pattern());
        t.addProperty("lowercase", tokenizer.lowercase());
        t.addProperty("max_vocabulary", tokenizer.maxVocabulary());
        t.addProperty("min_count", tokenizer.minCount());
        t.addProperty("bpe_vocabulary", tokenizer.bpeVocabulary());
        JsonArray tokens = new JsonArray();
        vocabulary().tokens().forEach(tokens::add);
        JsonObject o = new JsonObject();
        o.add("tokenizer", t);
        o.add("tokens", tokens);
        if (tokenizer.isBpe()) {
            // pairs, not "left right" strings: a symbol may hold a space; the order is the rank
            JsonArray merges = new JsonArray();
            for (BpeMerges.Merge m : encoding.merges().merges()) {
                JsonArray pair = new JsonArray();
                pair.add(m.left());
                pair.add(m.right());
                merges.add(pair);
            }
            o.add("merges", merges);
        }
        return o;
    }

    private static void write(FileSystem fs, Path path, String text) throws IOException {
        BundleFiles.write(fs, path, text);
    }

    private static String read(FileSystem fs, Path path) throws IOException {
        return BundleFiles.read(fs, path);
    }
}

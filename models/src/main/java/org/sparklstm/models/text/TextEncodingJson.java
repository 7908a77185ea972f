package org.sparklstm.models.text;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link TextEncoding} as JSON (a model bundle's {@code vocabulary.json}): the tokenizer settings, the
 * tokens in id order and, for bpe, the merges in rank order. Any model that saves an encoding can use it.
 */
public final class TextEncodingJson {

    private TextEncodingJson() {
    }

    public static String write(TextEncoding encoding) {
        TokenizerSpec spec = encoding.spec();
        JsonObject t = new JsonObject();
        t.addProperty("type", spec.type());
        t.addProperty("pattern", spec.pattern());
        t.addProperty("lowercase", spec.lowercase());
        t.addProperty("max_vocabulary", spec.maxVocabulary());
        t.addProperty("min_count", spec.minCount());
        t.addProperty("bpe_vocabulary", spec.bpeVocabulary());
        t.addProperty("line_end", spec.lineEnd().configName());
        JsonArray tokens = new JsonArray();
        encoding.vocabulary().tokens().forEach(tokens::add);
        JsonObject o = new JsonObject();
        o.add("tokenizer", t);
        o.add("tokens", tokens);
        if (spec.isBpe()) {
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
        return new GsonBuilder().setPrettyPrinting().create().toJson(o);
    }

    public static TextEncoding parse(String json) {
        JsonObject o = JsonParser.parseString(json).getAsJsonObject();
        JsonObject t = o.getAsJsonObject("tokenizer");
        // written before bpe existed: no bpe_vocabulary and no merges
        int bpeVocabulary = t.has("bpe_vocabulary") ? t.get("bpe_vocabulary").getAsInt()
                : TokenizerSpec.DEFAULT_BPE_VOCABULARY;
        String type = t.get("type").getAsString();
        // written before line ends were configurable: char ended lines with a newline, word and bpe with nothing
        LineEnd lineEnd = t.has("line_end") ? LineEnd.fromConfigName(t.get("line_end").getAsString())
                : TokenizerSpec.CHAR.equals(type) ? LineEnd.NEWLINE_TOKEN : LineEnd.NONE;
        TokenizerSpec spec = new TokenizerSpec(type, t.get("pattern").getAsString(), t.get("lowercase").getAsBoolean(),
                t.get("max_vocabulary").getAsInt(), t.get("min_count").getAsInt(), bpeVocabulary, lineEnd);
        List<String> tokens = new ArrayList<>();
        o.getAsJsonArray("tokens").forEach(e -> tokens.add(e.getAsString()));
        List<BpeMerges.Merge> merges = new ArrayList<>();
        if (o.has("merges")) {
            o.getAsJsonArray("merges").forEach(e -> merges.add(new BpeMerges.Merge(
                    e.getAsJsonArray().get(0).getAsString(), e.getAsJsonArray().get(1).getAsString())));
        }
        return new TextEncoding(spec, new Vocabulary(tokens), new BpeMerges(merges));
    }
}

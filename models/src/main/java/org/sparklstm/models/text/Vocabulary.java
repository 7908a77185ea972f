package org.sparklstm.models.text;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Token ids: 0 is {@code <unk>}, 1 is {@code <eos>} (which precedes every document), then tokens by
 * descending count (ties by token) so that the same counts always give the same ids.
 */
public final class Vocabulary implements Serializable {

    public static final String UNK = "<unk>";
    public static final String EOS = "<eos>";
    public static final int UNK_ID = 0;
    public static final int EOS_ID = 1;

    private final List<String> tokens;
    private final Map<String, Integer> ids;
    /** Ids of single-code-point tokens of the Basic Multilingual Plane, built on first use (char models). */
    private transient int[] bmpIds;

    public Vocabulary(List<String> tokens) {
        if (tokens.size() < 2 || !UNK.equals(tokens.get(UNK_ID)) || !EOS.equals(tokens.get(EOS_ID))) {
            throw new IllegalArgumentException("a vocabulary starts with " + UNK + ", " + EOS);
        }
        this.tokens = List.copyOf(tokens);
        this.ids = new HashMap<>();
        for (int i = 0; i < this.tokens.size(); i++) {
            if (ids.put(this.tokens.get(i), i) != null) {
                throw new IllegalArgumentException("token '" + this.tokens.get(i) + "' appears twice");
            }
        }
    }

    /** Keeps tokens seen at least {@code minCount} times, the most frequent first, at most {@code maxSize} ids. */
    public static Vocabulary fromCounts(Map<String, Long> counts, int maxSize, int minCount) {
        List<Map.Entry<String, Long>> entries = new ArrayList<>(counts.entrySet());
        entries.removeIf(e -> e.getValue() < minCount || UNK.equals(e.getKey()) || EOS.equals(e.getKey()));
        entries.sort(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey()));
        List<String> tokens = new ArrayList<>(List.of(UNK, EOS));
        for (Map.Entry<String, Long> e : entries) {
            if (tokens.size() >= maxSize) {
                break;
            }
            tokens.add(e.getKey());
        }
        return new Vocabulary(tokens);
    }

    public int size() {
        return tokens.size();
    }

    public int id(String token) {
        return ids.getOrDefault(token, UNK_ID);
    }

    /** The id of the token made of this one code point. */
    public int codePointId(int codePoint) {
        if (codePoint >= 0x10000) {
            return id(new String(Character.toChars(codePoint)));
        }
        if (bmpIds == null) {
            int[] table = new int[0x10000];
            for (int i = 0; i < tokens.size(); i++) {
                String t = tokens.get(i);
                if (t.length() == 1) {
                    table[t.charAt(0)] = i;
                }
            }
            bmpIds = table;
        }
        return bmpIds[codePoint];
    }

    public String token(int id) {
        return tokens.get(id);
    }

    public List<String> tokens() {
        return tokens;
    }

    public int[] encode(List<String> tokenList) {
        int[] out = new int[tokenList.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = id(tokenList.get(i));
        }
        return out;
    }
}

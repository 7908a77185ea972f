package org.sparklstm.pipeline.lm;

import java.util.ArrayList;
import java.util.List;
import org.sparklstm.models.lm.ModelBundle;
import org.sparklstm.models.lm.TextSampler;
import org.sparklstm.models.text.LineEnd;
import org.sparklstm.models.text.TextEncoding;
import org.sparklstm.models.text.Vocabulary;

/**
 * How text is sampled from a language model: the prompt it continues, how many tokens, the temperature
 * (below 1 sharper, 0 the most likely token) and the seed. Needs no Spark.
 */
public record Sampling(String prompt, int length, double temperature, long seed) {

    /** The prompt followed by the generated continuation. */
    public String generate(ModelBundle bundle) {
        TextEncoding encoding = bundle.encoding();
        List<String> promptTokens = encoding.promptTokens(prompt);
        Vocabulary v = encoding.vocabulary();
        // the model saw <eos> before every document: start the prompt like one
        int[] ids = new int[promptTokens.size() + 1];
        ids[0] = Vocabulary.EOS_ID;
        System.arraycopy(v.encode(promptTokens), 0, ids, 1, promptTokens.size());
        return text(encoding, promptTokens, TextSampler.sample(bundle.network(), ids, length, temperature, seed));
    }

    /** The prompt's tokens and the generated ids as text; {@code <eos>} and newline tokens break lines. */
    static String text(TextEncoding encoding, List<String> promptTokens, List<Integer> generated) {
        Vocabulary v = encoding.vocabulary();
        // <eos> ends a line (a document's start adds a second: a blank line) or, without that line end,
        // only starts a document: a blank line
        String eos = encoding.spec().lineEnd() == LineEnd.EOS ? "\n" : "\n\n";
        StringBuilder text = new StringBuilder();
        List<String> line = new ArrayList<>(promptTokens);
        for (int id : generated) {
            String token = v.token(id);
            if (id == Vocabulary.EOS_ID || token.equals(LineEnd.NEWLINE)) {
                // joined line by line, so word and bpe put no space beside a line break
                text.append(encoding.join(line)).append(id == Vocabulary.EOS_ID ? eos : LineEnd.NEWLINE);
                line.clear();
            } else {
                line.add(token);
            }
        }
        return text.append(encoding.join(line)).toString();
    }
}

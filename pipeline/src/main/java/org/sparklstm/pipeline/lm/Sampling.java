package org.sparklstm.pipeline.lm;

import java.util.ArrayList;
import java.util.List;
import org.sparklstm.models.lm.ModelBundle;
import org.sparklstm.models.lm.TextSampler;
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
        List<String> out = new ArrayList<>(promptTokens);
        for (int id : TextSampler.sample(bundle.network(), ids, length, temperature, seed)) {
            out.add(id == Vocabulary.EOS_ID ? "\n\n" : v.token(id));
        }
        return encoding.join(out);
    }
}

package org.sparklstm.jobs;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.sparklstm.models.lm.ModelBundle;
import org.sparklstm.models.lm.TextSampler;
import org.sparklstm.models.text.TextEncoding;
import org.sparklstm.models.text.Vocabulary;

/** Samples text from a saved model: prompt, length, temperature and seed. Needs no Spark. */
final class GenerateJob {

    private GenerateJob() {
    }

    static String generate(JobConfig.Generate g) throws IOException {
        return generate(ModelBundle.load(new Path(g.modelPath()), HadoopConf.forJobs()), g);
    }

    /** The prompt followed by the generated continuation. */
    static String generate(ModelBundle bundle, JobConfig.Generate g) {
        TextEncoding encoding = bundle.encoding();
        List<String> promptTokens = encoding.promptTokens(g.prompt());
        Vocabulary v = encoding.vocabulary();
        // the model saw <eos> before every document: start the prompt like one
        int[] prompt = new int[promptTokens.size() + 1];
        prompt[0] = Vocabulary.EOS_ID;
        System.arraycopy(v.encode(promptTokens), 0, prompt, 1, promptTokens.size());
        List<String> out = new ArrayList<>(promptTokens);
        for (int id : TextSampler.sample(bundle.network(), prompt, g.length(), g.temperature(), g.seed())) {
            out.add(id == Vocabulary.EOS_ID ? "\n\n" : v.token(id));
        }
        return encoding.join(out);
    }
}

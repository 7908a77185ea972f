package org.sparklstm.jobs.config;

import java.util.List;
import org.sparklstm.models.text.TokenizerSpec;
import org.sparklstm.pipeline.classify.ClassifySettings;
import org.sparklstm.pipeline.classify.EmbeddingSettings;
import org.sparklstm.pipeline.classify.Pooling;
import org.sparklstm.pipeline.classify.TextColumns;

/** {@code classify.*} and {@code embeddings.*}: the classifier's columns, held-out rows, texts and embedding. */
final class ClassifySection {

    private ClassifySection() {
    }

    static ClassifySettings read(ConfigValues v, TokenizerSpec tokenizer) {
        TextColumns columns = new TextColumns(v.nonBlank("classify.text-column"),
                v.string("classify.label-column").trim(), v.string("classify.id-column").trim());
        String testPath = v.string("classify.test-path").trim();
        double validationFraction = v.fraction("classify.validation-fraction");
        int maxLength = v.atLeast("classify.max-length", 1);
        boolean keepEnd = v.oneOf("classify.keep", List.of("start", "end")).equals("end");
        Pooling pooling = v.oneOf("classify.pooling", Pooling.values(), Pooling::configName);
        boolean quarantine = v.oneOf("classify.on-error", List.of("fail", "quarantine")).equals("quarantine");
        EmbeddingSettings embeddings = new EmbeddingSettings(v.bool("embeddings.word2vec"),
                v.string("embeddings.corpus-path").trim(), v.bool("embeddings.frozen"),
                v.atLeast("embeddings.min-count", 1), v.atLeast("embeddings.iterations", 1),
                v.atLeast("embeddings.window", 1));
        return new ClassifySettings(columns, testPath, validationFraction, maxLength, keepEnd, pooling, quarantine,
                tokenizer, embeddings, InputSection.reading(v).encoding());
    }
}

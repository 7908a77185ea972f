package org.sparklstm.ml;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** The columns a language model's {@code transform} adds: a text's log-likelihood, its scored tokens, perplexity. */
record ScoreColumns(String logLikelihood, String tokens, String perplexity) {

    StructType appendTo(StructType schema) {
        Columns.requireAbsent(schema, logLikelihood, "logLikelihoodCol");
        Columns.requireAbsent(schema, tokens, "tokensCol");
        Columns.requireAbsent(schema, perplexity, "perplexityCol");
        List<StructField> fields = new ArrayList<>(List.of(schema.fields()));
        fields.add(DataTypes.createStructField(logLikelihood, DataTypes.DoubleType, true));
        fields.add(DataTypes.createStructField(tokens, DataTypes.LongType, true));
        fields.add(DataTypes.createStructField(perplexity, DataTypes.DoubleType, true));
        return DataTypes.createStructType(fields);
    }
}

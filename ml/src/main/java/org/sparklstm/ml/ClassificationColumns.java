package org.sparklstm.ml;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.attribute.NominalAttribute;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The columns a classifier adds, as MLlib's probabilistic classifiers name and type them: {@code rawPrediction}
 * (a vector of log-probabilities), {@code probability} (a vector) and {@code prediction} (the class index as a
 * double, its metadata naming the classes).
 */
record ClassificationColumns(String rawPrediction, String probability, String prediction) {

    StructType appendTo(StructType schema, String[] labels) {
        Columns.requireAbsent(schema, rawPrediction, "rawPredictionCol");
        Columns.requireAbsent(schema, probability, "probabilityCol");
        Columns.requireAbsent(schema, prediction, "predictionCol");
        List<StructField> fields = new ArrayList<>(List.of(schema.fields()));
        fields.add(DataTypes.createStructField(rawPrediction, SQLDataTypes.VectorType(), true));
        fields.add(DataTypes.createStructField(probability, SQLDataTypes.VectorType(), true));
        fields.add(labels == null ? DataTypes.createStructField(prediction, DataTypes.DoubleType, true)
                : DataTypes.createStructField(prediction, DataTypes.DoubleType, true,
                        NominalAttribute.defaultAttr().withName(prediction).withValues(labels).toMetadata()));
        return DataTypes.createStructType(fields);
    }
}

package org.sparklstm.ml;

import java.util.Arrays;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** Column checks of {@code transformSchema}, with the errors MLlib's stages give. */
final class Columns {

    private Columns() {
    }

    static StructField require(StructType schema, String column, DataType type, String param) {
        StructField field = field(schema, column, param);
        if (!field.dataType().equals(type)) {
            throw new IllegalArgumentException(param + ": column '" + column + "' must be of type "
                    + type.catalogString() + " but was " + field.dataType().catalogString());
        }
        return field;
    }

    /** A string or numeric column. */
    static StructField requireStringOrNumeric(StructType schema, String column, String param) {
        StructField field = field(schema, column, param);
        if (!(field.dataType() instanceof NumericType) && !field.dataType().equals(
                org.apache.spark.sql.types.DataTypes.StringType)) {
            throw new IllegalArgumentException(param + ": column '" + column + "' must be a string or numeric "
                    + "column but was " + field.dataType().catalogString());
        }
        return field;
    }

    static StructField field(StructType schema, String column, String param) {
        if (!Arrays.asList(schema.fieldNames()).contains(column)) {
            throw new IllegalArgumentException(param + ": column '" + column + "' does not exist; the columns are "
                    + Arrays.toString(schema.fieldNames()));
        }
        return schema.apply(column);
    }

    /** Refuses an output column that already exists, as MLlib's stages do. */
    static void requireAbsent(StructType schema, String column, String param) {
        if (Arrays.asList(schema.fieldNames()).contains(column)) {
            throw new IllegalArgumentException(param + ": output column '" + column + "' already exists");
        }
    }
}

package org.sparklstm.pipeline.io;

import java.io.Serializable;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.collection.JavaConverters;

/**
 * A Parquet table whose rows are a Java record: the record's components, in order, are the columns
 * (named in snake case unless {@link Column} says otherwise), so a row is built by name and type, never
 * by position. Types: {@code String}, {@code boolean}, {@code int}/{@code Integer}, {@code long}/{@code Long},
 * {@code double}/{@code Double}, {@code Instant} (timestamp) and {@code Map<String, Double>}; boxed
 * numbers are nullable columns, the others not (a string may be, with {@link Column}).
 */
public final class RecordTable<T extends Record> implements Serializable {

    /** The types of columns that may hold null: boxed numbers. Other columns may not, unless {@link Column} says so. */
    private static final List<Class<?>> BOXED = List.of(Integer.class, Long.class, Double.class);

    private final Class<T> type;
    private final StructType schema;
    private transient Method[] accessors;

    private RecordTable(Class<T> type) {
        this.type = type;
        StructType s = new StructType();
        for (RecordComponent c : type.getRecordComponents()) {
            Column column = c.getAnnotation(Column.class);
            String name = column == null || column.name().isEmpty() ? snakeCase(c.getName()) : column.name();
            boolean nullable = BOXED.contains(c.getType()) || column != null && column.nullable();
            s = s.add(name, sparkType(c), nullable);
        }
        this.schema = s;
    }

    public static <T extends Record> RecordTable<T> of(Class<T> type) {
        return new RecordTable<>(type);
    }

    public StructType schema() {
        return schema;
    }

    public Row toRow(T record) {
        Method[] methods = accessors();
        Object[] values = new Object[methods.length];
        for (int i = 0; i < methods.length; i++) {
            values[i] = toSpark(invoke(methods[i], record));
        }
        return RowFactory.create(values);
    }

    public T fromRow(Row row) {
        RecordComponent[] components = type.getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            Object v = row.get(row.fieldIndex(schema.fields()[i].name()));
            values[i] = v instanceof Timestamp t ? t.toInstant()
                    : v instanceof scala.collection.Map<?, ?> m ? new LinkedHashMap<>(JavaConverters.mapAsJavaMap(m)) : v;
        }
        try {
            return type.getDeclaredConstructor(types).newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build a " + type.getSimpleName() + " from " + row, e);
        }
    }

    public Dataset<Row> frame(SparkSession spark, List<T> records) {
        return spark.createDataFrame(records.stream().map(this::toRow).toList(), schema);
    }

    /** Rows made on the executors (never collected to the driver). */
    public Dataset<Row> frame(SparkSession spark, JavaRDD<T> records) {
        RecordTable<T> table = this;
        return spark.createDataFrame(records.map(table::toRow), schema);
    }

    /** Writes a few driver-side rows as one Parquet file. */
    public void write(SparkSession spark, List<T> records, String path) {
        frame(spark, records).coalesce(1).write().mode(SaveMode.ErrorIfExists).parquet(path);
    }

    public List<T> read(SparkSession spark, String path) {
        return spark.read().parquet(path).collectAsList().stream().map(this::fromRow).toList();
    }

    private Method[] accessors() {
        if (accessors == null) {
            RecordComponent[] components = type.getRecordComponents();
            Method[] methods = new Method[components.length];
            for (int i = 0; i < components.length; i++) {
                methods[i] = components[i].getAccessor();
                methods[i].setAccessible(true);
            }
            accessors = methods;
        }
        return accessors;
    }

    private static Object invoke(Method accessor, Object record) {
        try {
            return accessor.invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object toSpark(Object value) {
        if (value instanceof Instant i) {
            return Timestamp.from(i);
        }
        if (value instanceof Map<?, ?> m) {
            return JavaConverters.mapAsScalaMapConverter(m).asScala();
        }
        return value;
    }

    private static DataType sparkType(RecordComponent c) {
        Class<?> t = c.getType();
        if (t == String.class) {
            return DataTypes.StringType;
        } else if (t == int.class || t == Integer.class) {
            return DataTypes.IntegerType;
        } else if (t == long.class || t == Long.class) {
            return DataTypes.LongType;
        } else if (t == double.class || t == Double.class) {
            return DataTypes.DoubleType;
        } else if (t == boolean.class) {
            return DataTypes.BooleanType;
        } else if (t == Instant.class) {
            return DataTypes.TimestampType;
        } else if (t == Map.class && c.getGenericType() instanceof ParameterizedType p
                && List.of(p.getActualTypeArguments()).equals(List.<Type>of(String.class, Double.class))) {
            return DataTypes.createMapType(DataTypes.StringType, DataTypes.DoubleType, false);
        }
        throw new IllegalArgumentException(c.getDeclaringRecord().getSimpleName() + "." + c.getName()
                + ": a table column cannot be a " + c.getGenericType());
    }

    /** {@code finalValidationBitsPerChar} -> {@code final_validation_bits_per_char}. */
    static String snakeCase(String name) {
        StringBuilder out = new StringBuilder();
        for (char ch : name.toCharArray()) {
            if (Character.isUpperCase(ch)) {
                out.append('_').append(Character.toLowerCase(ch));
            } else {
                out.append(ch);
            }
        }
        return out.toString();
    }
}

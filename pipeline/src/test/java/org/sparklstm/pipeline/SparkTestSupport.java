package org.sparklstm.pipeline;

import java.nio.file.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/** One local[2] SparkSession per test class, as on a 2-core machine. */
public final class SparkTestSupport {

    /** The project's data-samples folder, from any module's working directory. */
    public static final Path DATA_SAMPLES = Path.of("..", "data-samples").toAbsolutePath().normalize();

    private SparkTestSupport() {
    }

    public static SparkSession start() {
        return SparkSession.builder().master("local[2]").appName("spark-lstm-test")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "4")
                .getOrCreate();
    }

    public static JavaSparkContext context(SparkSession spark) {
        return JavaSparkContext.fromSparkContext(spark.sparkContext());
    }
}

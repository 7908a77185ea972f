package org.sparklstm.pipeline;

import java.nio.file.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** One local[2] SparkSession per test class, as on a 2-core machine. */
public abstract class SparkTestSupport {

    /** The project's data-samples folder, from any module's working directory. */
    public static final Path DATA_SAMPLES = Path.of("..", "data-samples").toAbsolutePath().normalize();

    protected static SparkSession spark;
    protected static JavaSparkContext sc;

    @BeforeAll
    protected static void startSpark() {
        spark = SparkSession.builder().master("local[2]").appName("spark-lstm-test")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "4")
                .getOrCreate();
        sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    }

    @AfterAll
    protected static void stopSpark() {
        spark.stop();
    }
}

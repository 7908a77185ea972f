package org.sparklstm.ml;

import java.nio.file.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** A local[2] session per test class, and the review and stock-market samples read as DataFrames. */
abstract class MlTestSupport {

    static final Path DATA_SAMPLES = Path.of("..", "data-samples").toAbsolutePath().normalize();

    static SparkSession session() {
        return SparkSession.builder().master("local[2]").appName("spark-lstm-ml-test")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "4").getOrCreate();
    }

    /** A review CSV as Spark's reader gives it: columns product, review and score (great or other). */
    static Dataset<Row> reviews(SparkSession spark, String file) {
        return spark.read().option("header", true).option("escape", "\"")
                .csv(DATA_SAMPLES.resolve(file).toString());
    }

    /** A small, fast classifier of the reviews' words. */
    static LstmClassifier smallClassifier() {
        return new LstmClassifier().setTextCol("review").setTokenizer("word").setLowercase(true).setMinCount(3)
                .setMaxLength(60).setEmbedding(16).setLayers(1).setHidden(16).setEpochs(1).setBatchSize(32)
                .setLearningRate(0.01).setWorkers(2);
    }

    /**
     * The first {@code days} closes of each EuStockMarkets index as one long table: columns market (DAX, SMI, CAC,
     * FTSE, in that order), time (decimal years) and close.
     */
    static Dataset<Row> markets(SparkSession spark, int days) {
        Dataset<Row> wide = spark.read().option("header", true).option("inferSchema", true)
                .csv(DATA_SAMPLES.resolve("EuStockMarkets.csv").toString()).limit(days);
        Dataset<Row> panel = null;
        for (String index : new String[]{"DAX", "SMI", "CAC", "FTSE"}) {
            Dataset<Row> one = wide.selectExpr("'" + index + "' AS market", "time", index + " AS close");
            panel = panel == null ? one : panel.union(one);
        }
        return panel;
    }

    /** A small, fast forecaster of the markets' closes, three days ahead. */
    static LstmForecaster smallForecaster() {
        return new LstmForecaster().setIdCol("market").setValueCols("close").setWindow(10).setHorizon(3)
                .setStrategy("direct").setSeason(5).setLayers(1).setHidden(8).setEpochs(1).setBatchSize(32)
                .setLearningRate(0.01).setWorkers(2);
    }
}

package org.sparklstm.pipeline.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparklstm.pipeline.SparkTestSupport;
import org.sparklstm.pipeline.classify.ClassifyEvaluationRow;
import org.sparklstm.pipeline.classify.ClassifyMetricsRow;
import org.sparklstm.pipeline.classify.ClassifyRunsRow;
import org.sparklstm.pipeline.classify.PredictionsRow;
import org.sparklstm.pipeline.forecast.ForecastEvaluationRow;
import org.sparklstm.pipeline.forecast.ForecastMetricsRow;
import org.sparklstm.pipeline.forecast.ForecastRunsRow;
import org.sparklstm.pipeline.forecast.ForecastsRow;
import org.sparklstm.pipeline.ingest.QuarantineRow;
import org.sparklstm.pipeline.ingest.RowQuarantineRow;
import org.sparklstm.pipeline.lm.LmEvaluationRow;
import org.sparklstm.pipeline.lm.LmMetricsRow;
import org.sparklstm.pipeline.lm.LmRunsRow;
import org.sparklstm.pipeline.registry.RegistryEntry;

/** Every table's record gives the documented schema, and a row goes to Parquet and back unchanged. */
class RecordTableTest extends SparkTestSupport {

    @TempDir
    Path tmp;

    /** The schemas the tables had when they were declared column by column (the README documents them). */
    @Test
    void everyTableKeepsItsSchema() {
        assertSchema("run_id STRING NOT NULL,epoch INT NOT NULL,round INT NOT NULL,split STRING NOT NULL"
                + ",loss DOUBLE NOT NULL,perplexity DOUBLE NOT NULL,bits_per_char DOUBLE"
                + ",tokens BIGINT NOT NULL,seconds DOUBLE NOT NULL", LmMetricsRow.TABLE);
        assertSchema("run_id STRING NOT NULL,task STRING NOT NULL,start_time TIMESTAMP NOT NULL"
                + ",end_time TIMESTAMP NOT NULL,config_json STRING NOT NULL,documents BIGINT NOT NULL"
                + ",tokens BIGINT NOT NULL,vocabulary_size INT NOT NULL,quarantined_records BIGINT NOT NULL"
                + ",train_windows BIGINT NOT NULL,untrained_tokens BIGINT NOT NULL,validation_windows BIGINT NOT NULL"
                + ",epochs INT NOT NULL,final_train_loss DOUBLE NOT NULL,final_validation_loss DOUBLE NOT NULL"
                + ",final_validation_perplexity DOUBLE NOT NULL,final_validation_bits_per_char DOUBLE"
                + ",baseline_validation_loss DOUBLE NOT NULL,test_tokens BIGINT,test_loss DOUBLE"
                + ",test_perplexity DOUBLE,test_bits_per_char DOUBLE,baseline_test_loss DOUBLE"
                + ",train_tokens_per_second DOUBLE NOT NULL"
                + ",driver_peak_heap_mb DOUBLE NOT NULL", LmRunsRow.TABLE);
        assertSchema("run_id STRING NOT NULL,file STRING NOT NULL,offset BIGINT NOT NULL,reason STRING NOT NULL"
                + ",excerpt STRING NOT NULL", QuarantineRow.TABLE);
        assertSchema("run_id STRING NOT NULL,model_path STRING NOT NULL,input_path STRING NOT NULL"
                + ",tokens BIGINT NOT NULL,loss DOUBLE NOT NULL,perplexity DOUBLE NOT NULL"
                + ",bits_per_char DOUBLE,baseline_loss DOUBLE NOT NULL,quarantined_records BIGINT NOT NULL", LmEvaluationRow.TABLE);
        assertSchema("run_id STRING NOT NULL,epoch INT NOT NULL,round INT NOT NULL,split STRING NOT NULL"
                + ",loss DOUBLE,mae DOUBLE,rmse DOUBLE,windows BIGINT NOT NULL,seconds DOUBLE NOT NULL", ForecastMetricsRow.TABLE);
        assertSchema("run_id STRING NOT NULL,task STRING NOT NULL,start_time TIMESTAMP NOT NULL"
                + ",end_time TIMESTAMP NOT NULL,config_json STRING NOT NULL,series BIGINT NOT NULL"
                + ",rows BIGINT NOT NULL,quarantined_records BIGINT NOT NULL,missing_values BIGINT NOT NULL"
                + ",filled_values BIGINT NOT NULL,dropped_windows BIGINT NOT NULL"
                + ",train_windows BIGINT NOT NULL,validation_windows BIGINT NOT NULL,epochs INT NOT NULL"
                + ",final_train_loss DOUBLE NOT NULL,final_validation_mae DOUBLE,test_mae DOUBLE"
                + ",test_naive_mae DOUBLE,test_seasonal_naive_mae DOUBLE"
                + ",train_windows_per_second DOUBLE NOT NULL,driver_peak_heap_mb DOUBLE NOT NULL", ForecastRunsRow.TABLE);
        assertSchema("run_id STRING NOT NULL,series_id STRING NOT NULL,split STRING NOT NULL"
                + ",target STRING NOT NULL,horizon_step INT NOT NULL,method STRING NOT NULL,n BIGINT NOT NULL"
                + ",mae DOUBLE NOT NULL,rmse DOUBLE NOT NULL,mase DOUBLE,smape DOUBLE NOT NULL", ForecastEvaluationRow.TABLE);
        assertSchema("run_id STRING NOT NULL,series_id STRING NOT NULL,split STRING NOT NULL"
                + ",target STRING NOT NULL,origin_time STRING NOT NULL,target_time STRING"
                + ",horizon_step INT NOT NULL,forecast DOUBLE NOT NULL,actual DOUBLE", ForecastsRow.TABLE);
        assertSchema("run_id STRING NOT NULL,epoch INT NOT NULL,round INT NOT NULL,split STRING NOT NULL"
                + ",loss DOUBLE NOT NULL,accuracy DOUBLE,rows BIGINT NOT NULL,seconds DOUBLE NOT NULL", ClassifyMetricsRow.TABLE);
        assertSchema("run_id STRING NOT NULL,task STRING NOT NULL,start_time TIMESTAMP NOT NULL"
                + ",end_time TIMESTAMP NOT NULL,config_json STRING NOT NULL,classes INT NOT NULL"
                + ",vocabulary_size INT NOT NULL,quarantined_records BIGINT NOT NULL"
                + ",train_rows BIGINT NOT NULL,validation_rows BIGINT NOT NULL,test_rows BIGINT NOT NULL"
                + ",word2vec_rows INT NOT NULL,epochs INT NOT NULL,final_train_loss DOUBLE NOT NULL"
                + ",validation_accuracy DOUBLE,test_accuracy DOUBLE,test_macro_f1 DOUBLE,test_roc_auc DOUBLE"
                + ",test_majority_accuracy DOUBLE,train_rows_per_second DOUBLE NOT NULL"
                + ",driver_peak_heap_mb DOUBLE NOT NULL", ClassifyRunsRow.TABLE);
        assertSchema("run_id STRING NOT NULL,split STRING NOT NULL,metric STRING NOT NULL,class STRING"
                + ",predicted_class STRING,value DOUBLE", ClassifyEvaluationRow.TABLE);
        assertSchema("run_id STRING NOT NULL,row_id STRING NOT NULL,label STRING,predicted_label STRING NOT NULL"
                + ",probabilities MAP<STRING, DOUBLE> NOT NULL", PredictionsRow.TABLE);
        assertSchema("run_id STRING NOT NULL,file STRING NOT NULL,row BIGINT NOT NULL,column STRING NOT NULL"
                + ",reason STRING NOT NULL,excerpt STRING NOT NULL", RowQuarantineRow.TABLE);
    }

    @Test
    void theRegistryKeepsItsSchema() {
        assertSchema("model_version STRING NOT NULL,parent_version STRING,task STRING NOT NULL"
                + ",created TIMESTAMP NOT NULL,data_watermark TIMESTAMP NOT NULL,metrics MAP<STRING, DOUBLE> NOT NULL"
                + ",promoted BOOLEAN NOT NULL,reason STRING NOT NULL,model_path STRING NOT NULL,run_id STRING NOT NULL",
                RegistryEntry.TABLE);
    }

    private static void assertSchema(String ddl, RecordTable<?> table) {
        assertEquals(ddl, table.schema().toDDL());
    }

    @Test
    void rowsRoundTripThroughParquetByName() {
        LmRunsRow run = new LmRunsRow("r1", "lm", Instant.parse("2026-01-02T03:04:05Z"),
                Instant.parse("2026-01-02T03:14:05Z"), "{}", 1, 100, 30, 2, 9, 0, 1, 2, 3.5, 3.25, Math.exp(3.25), null,
                3.9, 80L, 3.5, Math.exp(3.5), null, 3.95, 1234.5, 456.0);
        String runs = tmp.resolve("runs").toString();
        LmRunsRow.TABLE.write(spark, List.of(run), runs);
        assertEquals(List.of(run), LmRunsRow.TABLE.read(spark, runs));
        assertEquals(3.25, spark.read().parquet(runs).first().<Double>getAs("final_validation_loss"));

        PredictionsRow prediction = new PredictionsRow("r1", "f.csv:3", null, "great", Map.of("great", 0.75,
                "other", 0.25));
        String predictions = tmp.resolve("predictions").toString();
        PredictionsRow.TABLE.write(spark, List.of(prediction), predictions);
        assertEquals(List.of(prediction), PredictionsRow.TABLE.read(spark, predictions));
    }

    /** A component of a type no column can hold. */
    private record Unstorable(String runId, List<String> names) {
    }

    @Test
    void aComponentNoColumnCanHoldIsRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RecordTable.of(Unstorable.class));
        assertEquals("Unstorable.names: a table column cannot be a java.util.List<java.lang.String>", e.getMessage());
    }
}

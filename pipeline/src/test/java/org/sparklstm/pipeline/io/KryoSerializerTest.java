package org.sparklstm.pipeline.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.sparklstm.models.lm.NetworkFactory;
import org.sparklstm.models.lm.WindowSource;
import org.sparklstm.models.text.TokenizerSpec;
import org.sparklstm.models.text.Vocabulary;
import org.sparklstm.pipeline.SparkTestSupport;
import org.sparklstm.pipeline.evaluate.LanguageModelEvaluator;
import org.sparklstm.pipeline.evaluate.LossSummary;
import org.sparklstm.pipeline.ingest.InputFiles;
import org.sparklstm.pipeline.ingest.TextIngest;
import org.sparklstm.pipeline.sequences.TokenStream;
import org.sparklstm.pipeline.sequences.WindowBuilder;
import org.sparklstm.pipeline.sequences.WindowSpec;
import org.sparklstm.pipeline.sequences.WindowStore;
import org.sparklstm.pipeline.sequences.WorkerPartitioner;
import org.sparklstm.pipeline.text.StreamEncoder;
import org.sparklstm.pipeline.text.VocabularyCounter;
import org.sparklstm.pipeline.train.ParameterAveragingTrainer;
import org.sparklstm.pipeline.train.TrainSettings;

/** The whole pipeline where the platform sets spark.serializer to Kryo (cached records, broadcasts, results). */
class KryoSerializerTest {

    @Test
    void pipelineRunsWithKryoAndOurRegistrator() {
        SparkSession spark = SparkSession.builder().master("local[2]").appName("kryo")
                .config("spark.ui.enabled", "false")
                .config("spark.serializer", "org.apache.spark.serializer.KryoSerializer")
                .config("spark.kryo.registrator", KryoRecords.class.getName())
                .getOrCreate();
        try {
            JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            TextIngest.Result ingested = TextIngest.read(sc, InputFiles.resolve("input.path",
                    SparkTestSupport.DATA_SAMPLES.resolve("austen-persuasion.txt").toString(), new Configuration()));
            Vocabulary vocabulary = VocabularyCounter.fit(ingested.lines(), TokenizerSpec.chars());
            assertEquals(77, vocabulary.size());
            TokenStream stream = StreamEncoder.encode(ingested.lines(), vocabulary, TokenizerSpec.chars());
            // stateful: the workers' carried rows travel to them and back every round
            WindowBuilder.Split split = WindowBuilder.build(stream, new WindowSpec(20, 20, 0.1));
            JavaRDD<WindowSource> train = WorkerPartitioner.blocks(split.train(), 2, 21, true, WindowStore.MEMORY);
            JavaRDD<WindowSource> validation = WorkerPartitioner.blocks(split.validation(), 2, 21, true,
                    WindowStore.MEMORY);
            var net = NetworkFactory.create(new org.sparklstm.models.lm.LanguageModelSpec(77, 8, 1, 16, 0, 0.01, 1, 0, 1));
            ParameterAveragingTrainer trainer = ParameterAveragingTrainer.forLanguageModel(sc, train, net,
                    new TrainSettings(1, 2, 32, 2, 0, 1, 77, 1.0, 0, true));
            trainer.trainRounds(1, 0, 3, p -> { });
            assertEquals(2, trainer.carried().workerRows().length);
            LossSummary loss = LanguageModelEvaluator.evaluate(validation, net.getLayerWiseConfigurations().toJson(),
                    trainer.state(), 64, 77, true);
            assertTrue(loss.loss() < Math.log(77), "trained a little: " + loss.loss());
            assertEquals(List.of(), ingested.quarantine().collect());
        } finally {
            spark.stop();
        }
    }
}

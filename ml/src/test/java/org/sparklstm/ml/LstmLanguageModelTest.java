package org.sparklstm.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparklstm.models.lm.SequenceBlock;
import org.sparklstm.pipeline.ingest.InputException;
import org.sparklstm.models.lm.SequenceScorer;

/** LstmLanguageModel on Persuasion's chapters as rows: fit, score texts, generate, save and load. */
class LstmLanguageModelTest extends MlTestSupport {

    @TempDir
    static Path tmp;
    static SparkSession spark;
    static LstmLanguageModelModel model;
    static final StructType TEXTS = DataTypes.createStructType(List.of(
            DataTypes.createStructField("text", DataTypes.StringType, true)));

    @BeforeAll
    static void fit() throws IOException {
        spark = session();
        List<String> lines = Files.readAllLines(DATA_SAMPLES.resolve("austen-persuasion.txt"));
        // a row per 100 lines: documents as a DataFrame holds them
        List<Row> documents = new java.util.ArrayList<>();
        for (int from = 0; from + 100 <= 3000; from += 100) {
            documents.add(RowFactory.create(String.join("\n", lines.subList(from, from + 100))));
        }
        model = new LstmLanguageModel().setSequenceLength(50).setEmbedding(16).setHidden(64).setLayers(1)
                .setBatchSize(16).setEpochs(1).setLearningRate(0.01).setWorkers(2)
                .fit(spark.createDataFrame(documents, TEXTS));
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void transformScoresEachTextAsOneDocumentFromItsStart() {
        String text = "Sir Walter Elliot, of Kellynch Hall, in Somersetshire,\nwas a man who read.";
        Dataset<Row> texts = spark.createDataFrame(List.of(RowFactory.create(text), RowFactory.create((String) null)),
                TEXTS);
        List<Row> scored = model.setHandleInvalid("keep").transform(texts).collectAsList();
        int[] ids = LstmLanguageModelModel.documentIds(model.bundle().encoding(), text);
        // <eos>, then every character and the two line ends ("\n" tokens): all but the <eos> are predicted
        assertEquals(text.length() + 2, ids.length);
        double[] expected = SequenceScorer.score(model.bundle().network(), SequenceBlock.of(ids.length,
                List.of(ids)), 1, model.bundle().vocabulary().size());
        Row first = scored.get(0);
        assertEquals(text.length() + 1, first.getLong(2));
        assertEquals(-expected[0], first.getDouble(1), 1e-9);
        assertEquals(Math.exp(expected[0] / expected[1]), first.getDouble(3), 1e-9);
        assertTrue(first.getDouble(3) < model.bundle().vocabulary().size(), "better than uniform");
        assertNull(scored.get(1).get(1), "keep: a null text has null scores");
    }

    @Test
    void aBlankTextStopsTheFitWithItsRowUnlessSkipped() {
        Dataset<Row> texts = spark.createDataFrame(List.of(RowFactory.create("Anne Elliot"), RowFactory.create(" "),
                RowFactory.create("Lady Russell"), RowFactory.create((String) null)), TEXTS);
        InputException e = assertThrows(InputException.class, () -> new LstmLanguageModel().fit(texts));
        assertEquals("DataFrame: row 2, column 'text': blank text (and 1 more rows); set handleInvalid to skip to "
                + "leave such rows out", e.getMessage());
    }

    @Test
    void generatesAndRoundTripsThroughSaveAndLoad() throws IOException {
        String sample = model.generate("Anne", 40, 0.5, 7);
        assertTrue(sample.startsWith("Anne") && sample.length() > 20, sample);
        String path = tmp.resolve("lm").toString();
        model.write().save(path);
        LstmLanguageModelModel loaded = LstmLanguageModelModel.load(path);
        assertEquals(sample, loaded.generate("Anne", 40, 0.5, 7));
        Dataset<Row> texts = spark.createDataFrame(List.of(RowFactory.create("Captain Wentworth")), TEXTS);
        assertEquals(model.transform(texts).first().getDouble(1), loaded.transform(texts).first().getDouble(1));
    }
}

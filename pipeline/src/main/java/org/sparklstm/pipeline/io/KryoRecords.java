package org.sparklstm.pipeline.io;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.serializers.JavaSerializer;
import org.apache.spark.serializer.KryoRegistrator;

/**
 * Lets the pipeline run where {@code spark.serializer} is Kryo: Spark's Kryo cannot serialize Java
 * records or immutable JDK collections field by field, so those classes travel with Java
 * serialization inside Kryo. Set as {@code spark.kryo.registrator} by the jobs.
 */
public final class KryoRecords implements KryoRegistrator {

    static final String[] JAVA_SERIALIZED = {
        "org.sparklstm.pipeline.ingest.TextLine",
        "org.sparklstm.pipeline.ingest.QuarantineRecord",
        "org.sparklstm.pipeline.ingest.TextIngest$Parsed",
        "org.sparklstm.pipeline.sequences.Window",
        "org.sparklstm.pipeline.evaluate.LossSummary",
        "org.sparklstm.pipeline.train.StateAverage",
        "org.sparklstm.pipeline.train.WorkerStart",
        "org.sparklstm.pipeline.train.WorkerRound",
        "org.sparklstm.pipeline.train.GradientSum",
        "org.sparklstm.pipeline.train.GradientSum$WorkerGradient",
        "org.sparklstm.models.train.CarriedState",
        "org.sparklstm.models.train.NetworkState",
        "org.sparklstm.models.train.FitStatistics",
        "org.sparklstm.models.text.Vocabulary",
        "org.sparklstm.models.text.TextEncoding",
        "org.sparklstm.models.text.BpeMerges",
        "org.sparklstm.models.lm.SequenceBlock",
        "org.sparklstm.models.lm.LanguageModelBlock",
        "org.sparklstm.pipeline.sequences.WindowFile",
        "org.sparklstm.models.forecast.ForecastSpec",
        "org.sparklstm.models.forecast.Normalizer",
        "org.sparklstm.models.forecast.Scaling",
        "org.sparklstm.models.forecast.SeriesColumns",
        "org.sparklstm.pipeline.series.Observation",
        "org.sparklstm.pipeline.ingest.RowProblem",
        "org.sparklstm.pipeline.series.ParsedRow",
        "org.sparklstm.pipeline.series.Series",
        "org.sparklstm.pipeline.series.Assembled",
        "org.sparklstm.pipeline.series.SplitSpec",
        "org.sparklstm.pipeline.series.SplitSpec$Split",
        "org.sparklstm.pipeline.series.SeriesIngest$Settings",
        "org.sparklstm.pipeline.forecast.ForecastEvaluator$ErrorRecord",
        "org.sparklstm.pipeline.forecast.ForecastEvaluator$SeriesResult",
    };

    @Override
    public void registerClasses(Kryo kryo) {
        for (String name : JAVA_SERIALIZED) {
            try {
                kryo.register(Class.forName(name), new JavaSerializer());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("missing class " + name, e);
            }
        }
    }
}

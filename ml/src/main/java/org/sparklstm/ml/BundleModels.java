package org.sparklstm.ml;

import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.param.Params;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsReader$;
import org.apache.spark.ml.util.DefaultParamsWriter$;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWriter;
import scala.Option;

/**
 * How every model here persists: Spark's params metadata beside the command line's bundle files, in one directory,
 * so that a model saved by Spark ML and a {@code train} run's {@code model/} load alike.
 */
final class BundleModels {

    /** Writes a model's bundle files into a directory. */
    interface Saver {
        void save(Path dir, Configuration hadoop) throws IOException;
    }

    /** A model around a loaded bundle, under a uid. */
    interface Factory<B, M> {
        M create(String uid, B bundle);
    }

    /** What a bundle the command line wrote (no params metadata) sets on its model from the run's config. */
    interface FromRun<B, M> {
        void apply(M model, B bundle);
    }

    private BundleModels() {
    }

    /** @param what the model's kind, for errors ("classifier") */
    static MLWriter writer(Params model, Saver bundle, String what) {
        return new MLWriter() {
            @Override
            public void saveImpl(String path) {
                DefaultParamsWriter$.MODULE$.saveMetadata(model, path, sc(), Option.empty(), Option.empty());
                try {
                    bundle.save(new Path(path), sc().hadoopConfiguration());
                } catch (IOException e) {
                    throw new IllegalStateException("cannot save the " + what + " to " + path + ": "
                            + e.getMessage(), e);
                }
            }
        };
    }

    static <B, M extends Params> MLReader<M> reader(Class<M> type, FitRun.Loader<B> loader, Factory<B, M> factory,
                                                    FromRun<B, M> fromRun, String what) {
        return new MLReader<>() {
            @Override
            public M load(String path) {
                try {
                    B bundle = loader.load(new Path(path), sc().hadoopConfiguration());
                    Path metadata = new Path(path, "metadata");
                    if (!metadata.getFileSystem(sc().hadoopConfiguration()).exists(metadata)) {
                        M model = factory.create(Identifiable.randomUID(uidPrefix(type)), bundle);
                        fromRun.apply(model, bundle);
                        return model;
                    }
                    DefaultParamsReader.Metadata m = DefaultParamsReader$.MODULE$.loadMetadata(path, sc(),
                            type.getName());
                    M model = factory.create(m.uid(), bundle);
                    m.getAndSetParams(model, Option.empty());
                    return model;
                } catch (IOException e) {
                    throw new IllegalArgumentException("cannot load a " + what + " from " + path + ": "
                            + e.getMessage(), e);
                }
            }
        };
    }

    /** lstmClassificationModel for LstmClassificationModel, as the models' own constructors name their uids. */
    private static String uidPrefix(Class<?> type) {
        String name = type.getSimpleName();
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }
}

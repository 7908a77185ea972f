package org.sparklstm.pipeline.series;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import org.sparklstm.models.forecast.ColumnStatistics;
import org.sparklstm.models.forecast.ForecastSpec;
import org.sparklstm.models.forecast.Normalizer;
import org.sparklstm.models.forecast.Scaling;
import org.sparklstm.models.forecast.SeriesBlock;
import org.sparklstm.models.forecast.SeriesWindows;
import org.sparklstm.pipeline.sequences.WorkerPartitioner;
import scala.Tuple2;

/**
 * sequences for series, on the executors: training statistics per series (for the normaliser), then
 * the normalised windows of one split, dealt round-robin into one {@link SeriesBlock} per worker.
 * A window belongs to a split when all its targets do; its inputs may reach back into earlier parts,
 * as they would when forecasting for real, but never forward.
 */
public final class SeriesWindowing {

    private SeriesWindowing() {
    }

    /** Statistics of each series' training part, keyed by series id. */
    public static java.util.Map<String, ColumnStatistics> trainingStatistics(JavaRDD<Series> series, SplitSpec split,
                                                                             int columns) {
        return series.mapToPair(s -> {
            int end = split.of(s.times()).trainEnd();
            ColumnStatistics stats = new ColumnStatistics(columns);
            for (int t = 0; t < end; t++) {
                stats.add(s.values()[t]);
            }
            return new Tuple2<>(s.id(), stats);
        }).collectAsMap();
    }

    /** Normalised values {@code z[t][c]} of one series. */
    public static double[][] normalize(Series s, Scaling scaling) {
        double[][] z = new double[s.length()][];
        for (int t = 0; t < z.length; t++) {
            double[] row = s.values()[t];
            z[t] = new double[row.length];
            for (int c = 0; c < row.length; c++) {
                z[t][c] = scaling.normalize(c, row[c]);
            }
        }
        return z;
    }

    /** Count of windows built and dropped (missing values) for one split. */
    public record Counted(JavaRDD<SeriesBlock> blocks, long windows, long dropped) {
    }

    public static Counted blocks(JavaRDD<Series> series, Broadcast<Normalizer> normalizer, SplitSpec split,
                                 String part, ForecastSpec spec, int workers) {
        JavaRDD<Tuple2<float[], float[]>> windows = series.mapPartitions(it -> {
            List<Series> list = new ArrayList<>();
            it.forEachRemaining(list::add);
            // a stable order, whatever order the shuffle delivered the series in
            list.sort(Comparator.comparing(Series::id));
            List<Tuple2<float[], float[]>> out = new ArrayList<>();
            for (Series s : list) {
                windowsOf(s, normalizer.value(), split, part, spec, out);
            }
            return out.iterator();
        });
        JavaRDD<Tuple2<float[], float[]>> complete = windows.filter(w -> w._1() != null)
                .persist(StorageLevel.MEMORY_AND_DISK());
        long dropped = windows.filter(w -> w._1() == null).count();
        int features = spec.inputs() * spec.window();
        int outputs = spec.outputSize();
        JavaRDD<SeriesBlock> blocks = complete.zipWithIndex()
                .mapToPair(w -> new Tuple2<>(w._2(), w._1()))
                .partitionBy(new WorkerPartitioner.ModuloPartitioner(workers))
                .mapPartitions(it -> {
                    List<Tuple2<Long, Tuple2<float[], float[]>>> list = new ArrayList<>();
                    it.forEachRemaining(list::add);
                    list.sort(Comparator.comparing(Tuple2::_1));
                    float[] x = new float[list.size() * features];
                    float[] y = new float[list.size() * outputs];
                    for (int i = 0; i < list.size(); i++) {
                        System.arraycopy(list.get(i)._2()._1(), 0, x, i * features, features);
                        System.arraycopy(list.get(i)._2()._2(), 0, y, i * outputs, outputs);
                    }
                    return List.of(new SeriesBlock(spec.inputs(), spec.window(), outputs, x, y)).iterator();
                }, true)
                .persist(StorageLevel.MEMORY_ONLY());
        long count = blocks.map(b -> (long) b.size()).fold(0L, Long::sum);
        complete.unpersist();
        return new Counted(blocks, count, dropped);
    }

    /** Adds the windows of one series and part; a window with a missing value is added as (null, null). */
    static void windowsOf(Series s, Normalizer normalizer, SplitSpec split, String part, ForecastSpec spec,
                          List<Tuple2<float[], float[]>> out) {
        int[] range = split.of(s.times()).range(part);
        double[][] z = normalize(s, normalizer.forSeries(s.id()));
        int steps = spec.trainedSteps();
        int first = Math.max(SeriesWindows.firstOrigin(spec), range[0] - 1);
        for (int o = first; o + steps < range[1]; o++) {
            float[] x = new float[spec.inputs() * spec.window()];
            float[] y = new float[spec.outputSize()];
            if (SeriesWindows.inputs(z, o, spec, x, 0) && SeriesWindows.targets(z, o, spec, y, 0)) {
                out.add(new Tuple2<>(x, y));
            } else {
                out.add(new Tuple2<>(null, null));
            }
        }
    }
}

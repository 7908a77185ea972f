package org.sparklstm.pipeline.series;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaRDD;
import org.sparklstm.pipeline.ingest.RowProblem;
import scala.Tuple2;

/**
 * Groups observations by series id (series are partitioned across executors by id) and orders them.
 * Where row order means something (CSV), a series' times must increase row by row within a file: a
 * repeated time is a duplicate, a smaller one goes backwards. Otherwise (Parquet, written in any
 * order by distributed jobs) rows are sorted by time. Anywhere, the same time twice is a duplicate.
 * Missing values are then forward-filled or left missing (their windows are dropped), as configured.
 */
public final class SeriesAssembler {

    private SeriesAssembler() {
    }

    public static JavaRDD<Assembled> assemble(JavaRDD<Observation> observations, int partitions, MissingValues missing,
                                              boolean rowOrderMatters) {
        return observations.mapToPair(o -> new Tuple2<>(o.seriesId(), o))
                .groupByKey(new HashPartitioner(partitions))
                .map(g -> assemble(g._1(), g._2(), missing, rowOrderMatters));
    }

    static Assembled assemble(String id, Iterable<Observation> rows, MissingValues missing, boolean rowOrderMatters) {
        List<Observation> list = new ArrayList<>();
        rows.forEach(list::add);
        list.sort(Comparator.comparing(Observation::file).thenComparingLong(Observation::row));
        List<RowProblem> problems = new ArrayList<>();
        List<Observation> kept = new ArrayList<>();
        Observation previous = null;
        for (Observation o : list) {
            if (rowOrderMatters && previous != null && previous.file().equals(o.file()) && o.time() <= previous.time()) {
                String reason = o.time() == previous.time()
                        ? "duplicate time " + o.timeText() + " in series '" + id + "' (row " + previous.row() + " has it too)"
                        : "time " + o.timeText() + " goes backwards in series '" + id + "' (row " + previous.row()
                        + " has " + previous.timeText() + ")";
                problems.add(new RowProblem(o.file(), o.row(), "", reason, o.timeText(), false));
                continue;
            }
            kept.add(o);
            previous = o;
        }
        kept.sort(Comparator.comparingDouble(Observation::time));
        List<Observation> ordered = new ArrayList<>();
        for (Observation o : kept) {
            Observation last = ordered.isEmpty() ? null : ordered.get(ordered.size() - 1);
            if (last != null && last.time() == o.time()) {
                problems.add(new RowProblem(o.file(), o.row(), "", "duplicate time " + o.timeText() + " in series '"
                        + id + "' (" + last.file() + " row " + last.row() + " has it too)", o.timeText(), false));
                continue;
            }
            ordered.add(o);
        }
        return new Assembled(toSeries(id, ordered, missing), problems);
    }

    private static Series toSeries(String id, List<Observation> rows, MissingValues missing) {
        int n = rows.size();
        double[] times = new double[n];
        String[] texts = new String[n];
        double[][] values = new double[n][];
        int missingValues = 0;
        int filled = 0;
        for (int t = 0; t < n; t++) {
            Observation o = rows.get(t);
            times[t] = o.time();
            texts[t] = o.timeText();
            values[t] = o.values().clone();
            for (int c = 0; c < values[t].length; c++) {
                if (Double.isNaN(values[t][c])) {
                    missingValues++;
                    if (missing == MissingValues.FORWARD_FILL && t > 0 && !Double.isNaN(values[t - 1][c])) {
                        values[t][c] = values[t - 1][c];
                        filled++;
                    }
                }
            }
        }
        return new Series(id, times, texts, values, missingValues, filled);
    }
}

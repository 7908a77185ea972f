package org.sparklstm.pipeline.ingest;

import java.util.Comparator;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.api.java.JavaRDD;

/** Stops a job on bad rows with the first one in file and row order, and how many more there are. */
public final class RowProblems {

    private RowProblems() {
    }

    public static void stopOnAny(JavaRDD<RowProblem> problems) {
        if (!problems.isEmpty()) {
            RowProblem first = problems.min(FileRowOrder.INSTANCE);
            long more = problems.count() - 1;
            throw new InputException(first.message() + (more > 0 ? " (and " + more + " more problems)" : ""));
        }
    }

    /**
     * The {@code n} commonest problems with their counts and the first row of each, e.g. {@code 3 x column 'label':
     * empty (first: file:/data/a.csv row 2)}. Problems are grouped without the quoted values they name.
     */
    public static String top(JavaRDD<RowProblem> problems, int n) {
        Map<String, Long> counts = problems.map(RowProblems::kind).countByValue();
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(n)
                .map(e -> {
                    String kind = e.getKey();
                    RowProblem first = problems.filter(p -> kind(p).equals(kind)).min(FileRowOrder.INSTANCE);
                    return String.format("%,d x %s (first: %s row %d)", e.getValue(), kind, first.file(), first.row());
                })
                .collect(Collectors.joining("; "));
    }

    static String kind(RowProblem p) {
        return (p.column().isEmpty() ? "" : "column '" + p.column() + "': ") + p.reason().replaceAll("'[^']*'", "'…'");
    }

    /** Serializable, for Spark's {@code min}. */
    private enum FileRowOrder implements Comparator<RowProblem> {
        INSTANCE;

        @Override
        public int compare(RowProblem a, RowProblem b) {
            int byFile = a.file().compareTo(b.file());
            return byFile != 0 ? byFile : Long.compare(a.row(), b.row());
        }
    }
}

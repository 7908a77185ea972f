package org.sparklstm.pipeline.ingest;

import java.util.Comparator;
import org.apache.spark.api.java.JavaRDD;

/** Bad rows: stopping a job on the first in file and row order, and their commonest kinds for an error. */
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
        return QuarantineReasons.top(problems, RowProblems::kind, n, kind -> {
            RowProblem first = problems.filter(p -> kind(p).equals(kind)).min(FileRowOrder.INSTANCE);
            return first.file() + " row " + first.row();
        });
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

package org.sparklstm.pipeline.ingest;

import java.util.Comparator;
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

package org.sparklstm.pipeline.ingest;

import java.util.Comparator;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.Function;

/** The main reasons records were quarantined, counted on the executors, for an error a person reads. */
public final class QuarantineReasons {

    private QuarantineReasons() {
    }

    /**
     * The {@code n} commonest reasons with their counts and where the first of each is, e.g. {@code 2,000 x invalid
     * UTF-8 (first: file:/data/a.txt at byte 120)}. Reasons are grouped without their positions in the line.
     */
    public static String top(JavaRDD<QuarantineRecord> records, int n) {
        return top(records, r -> kind(r.reason()), n, kind -> {
            QuarantineRecord first = records.filter(r -> kind(r.reason()).equals(kind)).first();
            return first.file() + " at byte " + first.offset();
        });
    }

    /**
     * The {@code n} commonest kinds of {@code records}, most first, each as {@code count x kind (first: where)};
     * counted on the executors, {@code firstOf} says where a kind first occurs.
     */
    static <T> String top(JavaRDD<T> records, Function<T, String> kindOf, int n,
                          java.util.function.Function<String, String> firstOf) {
        Map<String, Long> counts = records.map(kindOf).countByValue();
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(n)
                .map(e -> String.format("%,d x %s (first: %s)", e.getValue(), e.getKey(), firstOf.apply(e.getKey())))
                .collect(Collectors.joining("; "));
    }

    /** A reason without where in the line it was found. */
    static String kind(String reason) {
        return reason.replaceAll(" at byte [0-9]+ of the line$", "");
    }
}

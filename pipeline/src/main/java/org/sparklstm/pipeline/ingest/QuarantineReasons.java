package org.sparklstm.pipeline.ingest;

import java.util.Comparator;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.api.java.JavaRDD;

/** The main reasons records were quarantined, counted on the executors, for an error a person reads. */
public final class QuarantineReasons {

    private QuarantineReasons() {
    }

    /**
     * The {@code n} commonest reasons with their counts and where the first of each is, e.g. {@code 2,000 x invalid
     * UTF-8 (first: file:/data/a.txt at byte 120)}. Reasons are grouped without their positions in the line.
     */
    public static String top(JavaRDD<QuarantineRecord> records, int n) {
        Map<String, Long> counts = records.map(r -> kind(r.reason())).countByValue();
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(n)
                .map(e -> {
                    String kind = e.getKey();
                    QuarantineRecord first = records.filter(r -> kind(r.reason()).equals(kind)).first();
                    return String.format("%,d x %s (first: %s at byte %d)", e.getValue(), kind, first.file(),
                            first.offset());
                })
                .collect(Collectors.joining("; "));
    }

    /** A reason without where in the line it was found. */
    static String kind(String reason) {
        return reason.replaceAll(" at byte [0-9]+ of the line$", "");
    }
}

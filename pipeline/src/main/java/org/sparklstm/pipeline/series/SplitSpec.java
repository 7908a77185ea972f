package org.sparklstm.pipeline.series;

import java.io.Serializable;

/**
 * Where each series is cut in time into train / validation / test: by fractions of its length, or,
 * when {@code testFrom} is set, at the first row at or after {@code validationFrom} and {@code testFrom}
 * (time values as in the time column; an empty {@code validationFrom} means no validation part).
 */
public record SplitSpec(double train, double validation, String validationFrom, String testFrom)
        implements Serializable {

    public static final String TRAIN = "train";
    public static final String VALIDATION = "validation";
    public static final String TEST = "test";

    public boolean byTime() {
        return !testFrom.isBlank();
    }

    /** The boundaries of one series: train {@code [0, trainEnd)}, validation up to {@code validationEnd}, test after. */
    public Split of(double[] times) {
        int n = times.length;
        if (byTime()) {
            int testStart = firstAtOrAfter(times, TimeParser.parse(testFrom));
            int validationStart = validationFrom.isBlank() ? testStart
                    : Math.min(testStart, firstAtOrAfter(times, TimeParser.parse(validationFrom)));
            return new Split(validationStart, testStart, n);
        }
        int trainEnd = (int) Math.floor(n * train);
        int validationEnd = (int) Math.floor(n * (train + validation));
        return new Split(trainEnd, Math.min(n, validationEnd), n);
    }

    private static int firstAtOrAfter(double[] times, double t) {
        int i = 0;
        while (i < times.length && times[i] < t) {
            i++;
        }
        return i;
    }

    /** Boundaries of one series. */
    public record Split(int trainEnd, int validationEnd, int length) implements Serializable {

        /** {@code [start, end)} of a named part. */
        public int[] range(String part) {
            return switch (part) {
                case TRAIN -> new int[]{0, trainEnd};
                case VALIDATION -> new int[]{trainEnd, validationEnd};
                case TEST -> new int[]{validationEnd, length};
                default -> throw new IllegalArgumentException("no split '" + part + "'");
            };
        }
    }
}

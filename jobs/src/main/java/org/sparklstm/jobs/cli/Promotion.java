package org.sparklstm.jobs.cli;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The retrain decision: a challenger replaces the champion only when its validation loss is lower by at
 * least {@code minImprovement} of the champion's (a relative improvement), so that noise does not churn
 * the champion.
 */
record Promotion(boolean promoted, String reason) {

    static Promotion decide(double challengerLoss, double championLoss, String championVersion,
                            double minImprovement) {
        double better = (championLoss - challengerLoss) / championLoss;
        boolean promoted = challengerLoss < championLoss * (1 - minImprovement);
        String comparison = String.format("validation loss %.4f vs champion %s %.4f: %s %s", challengerLoss,
                championVersion, championLoss, percent(Math.abs(better)), better >= 0 ? "better" : "worse");
        String required = percent(minImprovement);
        return promoted
                ? new Promotion(true, comparison + ", >= " + required + " required")
                : new Promotion(false, comparison + ", not better by " + required + ": kept " + championVersion);
    }

    /** 0.0123 as "1.23%", 0.01 as "1%". */
    static String percent(double fraction) {
        return new BigDecimal(fraction * 100).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString()
                + "%";
    }
}

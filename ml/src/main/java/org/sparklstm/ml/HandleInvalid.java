package org.sparklstm.ml;

import java.util.Arrays;

/** What a stage does with a row it cannot use (no text, or no label to train on), as MLlib's feature stages name it. */
public enum HandleInvalid {
    /** Stop, naming the row and the problem. */
    ERROR("error"),
    /** Leave the row out, counting it. */
    SKIP("skip"),
    /** Keep the row with a null result (fit leaves it out, as it has nothing to learn from). */
    KEEP("keep");

    private final String paramValue;

    HandleInvalid(String paramValue) {
        this.paramValue = paramValue;
    }

    public String paramValue() {
        return paramValue;
    }

    static String[] paramValues() {
        return Arrays.stream(values()).map(HandleInvalid::paramValue).toArray(String[]::new);
    }

    static HandleInvalid of(String paramValue) {
        return Arrays.stream(values()).filter(v -> v.paramValue.equals(paramValue)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("handleInvalid: '" + paramValue + "'"));
    }
}

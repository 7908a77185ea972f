package org.sparklstm.models.forecast;

/** How a model reaches {@code horizon} steps ahead. */
public enum Strategy {
    /** One step ahead only (horizon 1). */
    ONE_STEP("one-step"),
    /** All horizon steps at once from one multi-output head. */
    DIRECT("direct"),
    /** A one-step model whose forecasts are fed back as inputs, step after step. */
    RECURSIVE("recursive");

    private final String key;

    Strategy(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    public static Strategy of(String key) {
        for (Strategy s : values()) {
            if (s.key.equals(key)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown strategy '" + key + "'");
    }
}

package org.sparklstm.models.nn;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The recurrent cell of a model's encoder layers, with the name used in configuration files. */
public enum RecurrentCell {
    /** LSTM without peepholes ({@link org.sparklstm.models.lstm.FusedLstm}); the default. */
    LSTM("lstm"),
    /** LSTM with peephole connections (DL4J's {@code GravesLSTM}). */
    PEEPHOLE("peephole"),
    /** Gated recurrent unit ({@link org.sparklstm.models.gru.Gru}). */
    GRU("gru");

    private final String configName;

    RecurrentCell(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    /** The cell with the given configuration name (case-insensitive). */
    public static RecurrentCell fromConfigName(String name) {
        String wanted = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (RecurrentCell cell : values()) {
            if (cell.configName.equals(wanted)) {
                return cell;
            }
        }
        throw new IllegalArgumentException("unknown recurrent cell '" + name + "'; expected one of "
                + Arrays.stream(values()).map(RecurrentCell::configName).collect(Collectors.joining(", ")));
    }
}

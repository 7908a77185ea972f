package org.sparklstm.pipeline.classify;

import java.io.Serializable;

/** Which columns hold the text, the label ("" = none, as for new rows to predict) and the row id ("" = file:row). */
public record TextColumns(String text, String label, String id) implements Serializable {

    public boolean labelled() {
        return !label.isEmpty();
    }
}

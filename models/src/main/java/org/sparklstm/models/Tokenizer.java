package org.sparklstm.models;

import java.io.Serializable;
import java.util.List;

/** Splits one line of text into tokens, and joins generated tokens back into text. */
public interface Tokenizer extends Serializable {

    List<String> tokenize(String line);

    String join(List<String> tokens);
}

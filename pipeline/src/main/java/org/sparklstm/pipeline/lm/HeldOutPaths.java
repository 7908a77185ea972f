package org.sparklstm.pipeline.lm;

/**
 * A language model's held-out text: {@code input.validation-path}, whose token stream is the validation split
 * (the whole of {@code input.path} then trains), and {@code input.test-path}, scored once after training; "" =
 * not set.
 */
public record HeldOutPaths(String validation, String test) {

    public static final String VALIDATION_KEY = "input.validation-path";
    public static final String TEST_KEY = "input.test-path";
}

package org.sparklstm.pipeline.registry;

/** Registry versions are {@code v1}, {@code v2}, ...: numbered by one more than the largest so far. */
final class Versions {

    private Versions() {
    }

    static String of(int number) {
        return "v" + number;
    }

    /** @throws IllegalArgumentException for a version not of the form {@code v<number>} */
    static int number(String version) {
        if (version == null || !version.matches("v[1-9][0-9]{0,8}")) {
            throw new IllegalArgumentException("model_version '" + version + "' is not v1, v2, ...");
        }
        return Integer.parseInt(version.substring(1));
    }
}

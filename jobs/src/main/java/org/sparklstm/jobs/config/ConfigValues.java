package org.sparklstm.jobs.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueType;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Typed reads of a resolved configuration: each names the key, the value and what was expected when the
 * value cannot be used.
 */
final class ConfigValues {

    private final Config config;

    ConfigValues(Config config) {
        this.config = config;
    }

    String string(String key) {
        try {
            return config.getString(key);
        } catch (com.typesafe.config.ConfigException e) {
            throw ConfigException.of(key, config.hasPath(key) ? config.getValue(key).unwrapped() : null, "a string");
        }
    }

    String nonBlank(String key) {
        String v = string(key);
        if (v.isBlank()) {
            throw ConfigException.of(key, v, "a non-empty value");
        }
        return v;
    }

    String oneOf(String key, List<String> allowed) {
        String v = string(key);
        if (!allowed.contains(v)) {
            throw ConfigException.of(key, v, "one of " + String.join(", ", allowed));
        }
        return v;
    }

    /** The constant of {@code values} whose configuration name is the key's value. */
    <E extends Enum<E>> E oneOf(String key, E[] values, Function<E, String> name) {
        String v = oneOf(key, Arrays.stream(values).map(name).toList());
        return Arrays.stream(values).filter(e -> name.apply(e).equals(v)).findFirst().orElseThrow();
    }

    int atLeast(String key, int min) {
        long v = longValue(key);
        if (v < min || v > Integer.MAX_VALUE) {
            throw ConfigException.of(key, v, "an integer >= " + min);
        }
        return (int) v;
    }

    long longValue(String key) {
        try {
            return config.getLong(key);
        } catch (com.typesafe.config.ConfigException e) {
            throw ConfigException.of(key, config.getValue(key).unwrapped(), "an integer");
        }
    }

    double number(String key) {
        try {
            return config.getDouble(key);
        } catch (com.typesafe.config.ConfigException e) {
            throw ConfigException.of(key, config.getValue(key).unwrapped(), "a number");
        }
    }

    /** A number in [0, 1). */
    double fraction(String key) {
        double v = number(key);
        if (v < 0 || v >= 1) {
            throw ConfigException.of(key, v, "a fraction in [0, 1)");
        }
        return v;
    }

    /** A HOCON duration: {@code 0s}, {@code 30m}, {@code 24h}. */
    Duration duration(String key) {
        try {
            return config.getDuration(key);
        } catch (com.typesafe.config.ConfigException e) {
            throw ConfigException.of(key, config.getValue(key).unwrapped(), "a duration such as 0s, 30m or 24h");
        }
    }

    boolean bool(String key) {
        try {
            return config.getBoolean(key);
        } catch (com.typesafe.config.ConfigException e) {
            throw ConfigException.of(key, config.getValue(key).unwrapped(), "true or false");
        }
    }

    /** A list, or (as --set gives it) one string of comma-separated names. */
    List<String> stringList(String key) {
        if (config.getValue(key).valueType() == ConfigValueType.STRING) {
            String v = config.getString(key).trim();
            return v.isEmpty() ? List.of() : Arrays.stream(v.split(",")).map(String::trim).toList();
        }
        try {
            return config.getStringList(key);
        } catch (com.typesafe.config.ConfigException e) {
            throw ConfigException.of(key, config.getValue(key).unwrapped(), "a list of column names");
        }
    }

    /** A list of integers, or (as --set gives it) one string of them, comma-separated, in brackets or not. */
    List<Integer> intList(String key, String expected) {
        try {
            if (config.getValue(key).valueType() == ConfigValueType.STRING) {
                String v = config.getString(key).replaceAll("^\\s*\\[|]\\s*$", "").trim();
                return v.isEmpty() ? List.of() : Arrays.stream(v.split(",")).map(s -> Integer.valueOf(s.trim()))
                        .toList();
            }
            return config.getIntList(key);
        } catch (com.typesafe.config.ConfigException | NumberFormatException e) {
            throw ConfigException.of(key, config.getValue(key).unwrapped(), expected);
        }
    }
}

package org.sparklstm.jobs.config;

/** A configuration value that cannot be used; the message names the key, the value and what was expected. */
public class ConfigException extends RuntimeException {

    public ConfigException(String message) {
        super(message);
    }

    public static ConfigException of(String key, Object value, String expected) {
        return new ConfigException(key + ": '" + value + "' is not valid; expected " + expected);
    }
}

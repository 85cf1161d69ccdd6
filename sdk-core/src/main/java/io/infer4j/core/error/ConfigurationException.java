package io.infer4j.core.error;

import java.util.Optional;

/**
 * A client cannot be built from its settings: a required setting is missing (the message says
 * where it was looked for), a value is malformed (the message names the setting and where the
 * value came from, and shows the value only when it is not a secret), or the config file or
 * profile cannot be read.
 */
public class ConfigurationException extends Infer4jException {
    private static final long serialVersionUID = 1L;

    private final String setting;

    /** Creates the exception; {@code setting} is the environment variable name of the setting at fault, or null. */
    public ConfigurationException(String setting, String message) {
        this(setting, message, null);
    }

    /** Creates the exception with a cause (whose message must not carry a secret value either). */
    public ConfigurationException(String setting, String message, Throwable cause) {
        super(message, cause);
        this.setting = setting;
    }

    /** The setting at fault, by its environment variable name (e.g. {@code WALLAROO_URL}), when one is. */
    public Optional<String> setting() {
        return Optional.ofNullable(setting);
    }
}

package io.infer4j.core;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One configuration setting of the infer4j clients, declared once in {@link Settings}: its
 * environment variable, system property and profile key, its default, and whether it is a secret.
 * Immutable.
 *
 * <p>One naming rule links the names: the environment variable is upper snake case with the
 * platform as its first word ({@code WALLAROO_AUTH_URL}); the system property is that first word in
 * lower case, a dot, and the rest in lower camel case ({@code wallaroo.authUrl}); the key in a
 * profile file is the system property ({@code wallaroo.authUrl}, or {@code staging.wallaroo.authUrl}
 * for profile {@code staging}). See {@link ConfigEnvironment} for where values are looked up and in
 * which order.
 */
public final class Setting {
    private final String env;
    private final String property;
    private final boolean inProfile;
    private final String defaultValue;
    private final boolean secret;
    private final boolean required;
    private final String client;
    private final String description;
    private final String legacyProperty;

    private Setting(Builder b) {
        this.env = b.env;
        this.property = propertyName(b.env);
        this.inProfile = b.inProfile;
        this.defaultValue = b.defaultValue;
        this.secret = b.secret;
        this.required = b.required;
        this.client = b.client;
        this.description = b.description;
        this.legacyProperty = b.legacyProperty;
    }

    /** Starts a declaration; only {@link Settings} declares settings. */
    static Builder declare(String env, String client, String description) {
        return new Builder(env, client, description);
    }

    /**
     * The system property for an environment variable name: {@code WALLAROO_AUTH_URL} becomes
     * {@code wallaroo.authUrl}, {@code OMEGA_APIKEY} becomes {@code omega.apikey}.
     */
    static String propertyName(String env) {
        if (!env.matches("[A-Z][A-Z0-9]*(_[A-Z0-9]+)+")) {
            throw new IllegalArgumentException("not an upper snake case name with a prefix: " + env);
        }
        String[] words = env.toLowerCase(Locale.ROOT).split("_");
        StringBuilder sb = new StringBuilder(words[0]).append('.').append(words[1]);
        for (int i = 2; i < words.length; i++) {
            sb.append(Character.toUpperCase(words[i].charAt(0))).append(words[i], 1, words[i].length());
        }
        return sb.toString();
    }

    /** The environment variable, e.g. {@code WALLAROO_URL}. */
    public String env() {
        return env;
    }

    /** The system property, e.g. {@code wallaroo.url}. */
    public String property() {
        return property;
    }

    /**
     * The key in a profile of the config file (the system property's name), or empty for the two
     * settings that choose the file and the profile.
     */
    public Optional<String> profileKey() {
        return inProfile ? Optional.of(property) : Optional.empty();
    }

    /** The value used when the setting is set nowhere, if it has a fixed one. */
    public Optional<String> defaultValue() {
        return Optional.ofNullable(defaultValue);
    }

    /** Whether the value is a credential: it never appears in logs, exception messages or {@code toString()}. */
    public boolean secret() {
        return secret;
    }

    /** Whether the client cannot be built without it. */
    public boolean required() {
        return required;
    }

    /** The client that reads it: {@code WallarooClient}, {@code OmegaClient}, {@code ModelEndpoint}, or {@code all}. */
    public String client() {
        return client;
    }

    /** What the setting means, including defaults that are derived rather than fixed. */
    public String description() {
        return description;
    }

    /**
     * A system property name read before this naming rule existed ({@code OMEGA_URL} as a
     * property), still honoured with a deprecation warning in the log.
     */
    public Optional<String> legacyProperty() {
        return Optional.ofNullable(legacyProperty);
    }

    /** The environment variable name. */
    @Override
    public String toString() {
        return env;
    }

    static final class Builder {
        private final String env;
        private final String client;
        private final String description;
        private boolean inProfile = true;
        private String defaultValue;
        private boolean secret;
        private boolean required;
        private String legacyProperty;

        private Builder(String env, String client, String description) {
            this.env = Objects.requireNonNull(env, "env");
            this.client = Objects.requireNonNull(client, "client");
            this.description = Objects.requireNonNull(description, "description");
        }

        Builder defaultValue(String value) {
            this.defaultValue = value;
            return this;
        }

        Builder secret() {
            this.secret = true;
            return this;
        }

        Builder required() {
            this.required = true;
            return this;
        }

        Builder notInProfile() {
            this.inProfile = false;
            return this;
        }

        Builder legacyProperty(String name) {
            this.legacyProperty = name;
            return this;
        }

        Setting build() {
            return new Setting(this);
        }
    }
}

package io.infer4j.core;

import io.infer4j.core.error.ConfigurationException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where {@code fromEnv()} looks for {@link Settings}: system properties, environment variables and
 * a profile in an optional config file. For each setting the first place that has a non-blank
 * value wins, in this order (an explicit builder call wins over all of them):
 *
 * <ol>
 *   <li>the system property ({@code -Dwallaroo.url=...});</li>
 *   <li>the environment variable ({@code WALLAROO_URL});</li>
 *   <li>the key in the chosen profile of the config file ({@code wallaroo.url});</li>
 *   <li>the setting's default.</li>
 * </ol>
 *
 * <p>The config file is a Java properties file, by default {@code ~/.infer4j/config.properties}
 * (setting {@link Settings#CONFIG_FILE}). A key is a setting's system property name, optionally
 * prefixed by a profile name: {@code wallaroo.url} belongs to profile {@code default},
 * {@code staging.wallaroo.url} to profile {@code staging}. {@link Settings#PROFILE} chooses the
 * profile (default {@code default}); a profile holds only its own keys.
 *
 * <pre>
 * # ~/.infer4j/config.properties
 * wallaroo.url = https://wallaroo.example.com
 * wallaroo.user = jane
 * staging.wallaroo.url = https://staging.wallaroo.example.com
 * staging.wallaroo.token = eyJhbGciOi...
 * </pre>
 *
 * <p>{@link #system()} reads the real process environment; {@link #of(Map, Map)} reads maps, so
 * tests never touch the real environment or the real home directory. An instance reads the config
 * file at most once, on first use. Thread-safe.
 */
public final class ConfigEnvironment {
    private static final Logger LOG = LoggerFactory.getLogger("io.infer4j.config");
    private static final String DEFAULT_PROFILE = "default";

    private final UnaryOperator<String> environment;
    private final UnaryOperator<String> properties;
    private final String description;
    private final Object lock = new Object();
    private Profile profile; // guarded by lock

    private ConfigEnvironment(UnaryOperator<String> environment, UnaryOperator<String> properties, String description) {
        this.environment = environment;
        this.properties = properties;
        this.description = description;
    }

    /** The process's system properties and environment variables, and the config file under {@code user.home}. */
    public static ConfigEnvironment system() {
        return new ConfigEnvironment(System::getenv, System::getProperty, "system");
    }

    /**
     * Fixed maps instead of the process's environment. The config file is the one the maps name
     * ({@code INFER4J_CONFIG_FILE}, or {@code ~/.infer4j/config.properties} under a
     * {@code user.home} entry of {@code systemProperties}); without either there is none.
     */
    public static ConfigEnvironment of(Map<String, String> environment, Map<String, String> systemProperties) {
        Map<String, String> env = Map.copyOf(environment);
        Map<String, String> props = Map.copyOf(systemProperties);
        return new ConfigEnvironment(env::get, props::get, "maps");
    }

    /** The setting's value from the first place that has one, else its default. */
    public Optional<String> get(Setting setting) {
        Found f = find(setting);
        return f == null ? Optional.empty() : Optional.of(f.value());
    }

    /**
     * The setting's value.
     *
     * @throws ConfigurationException it is set nowhere and has no default; the message says where it was looked for
     */
    public String require(Setting setting) {
        Found f = find(setting);
        if (f == null) {
            throw new ConfigurationException(setting.env(), setting.env() + " is not set: looked for " + lookedIn(setting));
        }
        return f.value();
    }

    /** A value and where it came from, e.g. {@code environment variable WALLAROO_URL}. */
    record Found(String value, String source) {
        @Override
        public String toString() {
            return "Found[" + source + "]";
        }
    }

    /** The first value in the chain (property, legacy property, environment, profile, default), or null. */
    Found find(Setting s) {
        Found f = findSet(s);
        if (f != null) {
            return f;
        }
        return s.defaultValue().map(d -> new Found(d, "the default")).orElse(null);
    }

    private Found findSet(Setting s) {
        String v = clean(properties.apply(s.property()));
        if (v != null) {
            return new Found(v, "system property " + s.property());
        }
        if (s.legacyProperty().isPresent()) {
            String legacy = s.legacyProperty().get();
            v = clean(properties.apply(legacy));
            if (v != null) {
                LOG.warn("System property {} is deprecated: use -D{} (the environment variable stays {})",
                        legacy, s.property(), s.env());
                return new Found(v, "system property " + legacy);
            }
        }
        v = clean(environment.apply(s.env()));
        if (v != null) {
            return new Found(v, "environment variable " + s.env());
        }
        if (s.profileKey().isPresent()) {
            Profile p = profile();
            v = p.values.get(s.profileKey().get());
            if (v != null) {
                return new Found(v, "key " + s.profileKey().get() + " of profile '" + p.name + "' in " + p.file);
            }
        }
        return null;
    }

    /** The places a setting is looked for, for messages: "system property x, environment variable X and ...". */
    String lookedIn(Setting s) {
        StringJoiner places = new StringJoiner(", ");
        places.add("system property " + s.property());
        s.legacyProperty().ifPresent(l -> places.add("system property " + l));
        places.add("environment variable " + s.env());
        String last = s.profileKey().map(k -> {
            Profile p = profile();
            if (p.file == null) {
                return "a config file (none: no user.home and no " + Settings.CONFIG_FILE.env() + ")";
            }
            return "key " + k + " of profile '" + p.name + "' in " + p.file + (p.exists ? "" : " (no such file)");
        }).orElse(null);
        return last == null ? places.toString() : places + " and " + last;
    }

    private Profile profile() {
        synchronized (lock) {
            if (profile == null) {
                profile = loadProfile();
            }
            return profile;
        }
    }

    private Profile loadProfile() {
        Found fileSetting = findSet(Settings.CONFIG_FILE);
        Found profileSetting = findSet(Settings.PROFILE);
        String name = profileSetting != null ? profileSetting.value() : DEFAULT_PROFILE;
        Path file = fileSetting != null ? path(fileSetting) : defaultFile();
        if (file == null || !Files.exists(file)) {
            if (fileSetting != null) {
                throw new ConfigurationException(Settings.CONFIG_FILE.env(), Settings.CONFIG_FILE.env() + " (from "
                        + fileSetting.source() + ") names " + file + ", which does not exist");
            }
            if (profileSetting != null) {
                throw new ConfigurationException(Settings.PROFILE.env(), "profile '" + name + "' was chosen by "
                        + profileSetting.source() + ", but there is no config file"
                        + (file != null ? " at " + file : " (no user.home and no " + Settings.CONFIG_FILE.env() + ")"));
            }
            return new Profile(name, file, false, Map.of());
        }
        Map<String, Map<String, String>> profiles = read(file);
        Map<String, String> values = profiles.get(name);
        if (values == null) {
            if (profileSetting != null) {
                throw new ConfigurationException(Settings.PROFILE.env(), "profile '" + name + "' (chosen by "
                        + profileSetting.source() + ") is not in " + file + "; it has " + (profiles.isEmpty()
                        ? "no profiles" : "profiles " + String.join(", ", new TreeSet<>(profiles.keySet()))));
            }
            values = Map.of();
        }
        LOG.debug("Using profile '{}' of {}: keys {}", name, file, new TreeSet<>(values.keySet()));
        return new Profile(name, file, true, values);
    }

    private Path path(Found fileSetting) {
        String v = fileSetting.value();
        String home = clean(properties.apply("user.home"));
        try {
            if ((v.equals("~") || v.startsWith("~/")) && home != null) {
                return Paths.get(home).resolve(v.equals("~") ? "" : v.substring(2));
            }
            return Paths.get(v);
        } catch (InvalidPathException e) {
            throw new ConfigurationException(Settings.CONFIG_FILE.env(), Settings.CONFIG_FILE.env() + " (from "
                    + fileSetting.source() + ") is not a valid path: " + e.getReason(), e);
        }
    }

    private Path defaultFile() {
        String home = clean(properties.apply("user.home"));
        return home == null ? null : Paths.get(home, ".infer4j", "config.properties");
    }

    /** Profile name to its settings' values, keyed by profile key. */
    private static Map<String, Map<String, String>> read(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException | IllegalArgumentException e) {
            // Neither message quotes the file's content (IllegalArgumentException: "Malformed \\uxxxx encoding.").
            throw new ConfigurationException(Settings.CONFIG_FILE.env(), "cannot read config file " + file + ": "
                    + e.getClass().getSimpleName() + (e.getMessage() != null ? ": " + e.getMessage() : ""), e);
        }
        Map<String, String> known = new HashMap<>();
        for (Setting s : Settings.all()) {
            s.profileKey().ifPresent(k -> known.put(k, k));
        }
        Map<String, Map<String, String>> profiles = new TreeMap<>();
        for (String key : p.stringPropertyNames()) {
            String k = key.trim();
            String profileName = null;
            String settingKey = null;
            if (known.containsKey(k)) {
                profileName = DEFAULT_PROFILE;
                settingKey = k;
            } else {
                // Every profile key has the form platform.name, so the last two dot-parts name the setting.
                int lastDot = k.lastIndexOf('.');
                int dot = lastDot > 0 ? k.lastIndexOf('.', lastDot - 1) : -1;
                if (dot > 0 && known.containsKey(k.substring(dot + 1))) {
                    profileName = k.substring(0, dot);
                    settingKey = k.substring(dot + 1);
                }
            }
            if (settingKey == null) {
                LOG.warn("Ignoring key {} in {}: it names no infer4j setting (see docs/configuration.md)", k, file);
                continue;
            }
            String value = clean(p.getProperty(key));
            Map<String, String> values = profiles.computeIfAbsent(profileName, n -> new HashMap<>());
            if (value != null) {
                values.put(settingKey, value);
            }
        }
        return profiles;
    }

    private static String clean(String v) {
        return v == null || v.isBlank() ? null : v.trim();
    }

    /**
     * Where the config file is, which profile is used, and every setting that is set, with its
     * source; secret values show as {@code ***}.
     */
    @Override
    public String toString() {
        StringJoiner sj = new StringJoiner(", ", "ConfigEnvironment[" + description + "; ", "]");
        try {
            Profile p = profile();
            sj.add("profile '" + p.name + "' of " + (p.file == null ? "no config file" : p.file + (p.exists ? "" : " (absent)")));
        } catch (ConfigurationException e) {
            sj.add("profile unusable: " + e.getMessage());
        }
        for (Setting s : Settings.all()) {
            Found f;
            try {
                f = findSet(s);
            } catch (ConfigurationException e) {
                f = null;
            }
            if (f != null) {
                sj.add(s.env() + "=" + (s.secret() ? "***" : f.value()) + " (" + f.source() + ")");
            }
        }
        return sj.toString();
    }

    private static final class Profile {
        final String name;
        final Path file;
        final boolean exists;
        final Map<String, String> values;

        Profile(String name, Path file, boolean exists, Map<String, String> values) {
            this.name = name;
            this.file = file;
            this.exists = exists;
            this.values = Map.copyOf(values);
        }
    }
}

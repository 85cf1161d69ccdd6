package io.infer4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.infer4j.core.error.ConfigurationException;
import io.infer4j.testsupport.LogCapture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lookup chain: property, environment, profile, default; profile selection; what errors say. Never the real environment. */
class ConfigEnvironmentTest {
    @TempDir
    Path dir;

    private Path profiles(String content) throws IOException {
        Path f = dir.resolve("config.properties");
        Files.writeString(f, content, StandardCharsets.UTF_8);
        return f;
    }

    @Test
    void propertyBeatsEnvironmentBeatsProfileBeatsDefault() throws IOException {
        Path file = profiles("omega.url=http://profile\nomega.user=profile-user\nomega.qualifier=profile-q\n");
        Map<String, String> env = Map.of("INFER4J_CONFIG_FILE", file.toString(),
                "OMEGA_URL", "http://env", "OMEGA_USER", "env-user");
        Map<String, String> props = Map.of("omega.url", "http://property");
        ConfigEnvironment c = ConfigEnvironment.of(env, props);

        assertThat(c.get(Settings.OMEGA_URL)).contains("http://property");
        assertThat(c.get(Settings.OMEGA_USER)).contains("env-user");
        assertThat(c.get(Settings.OMEGA_QUALIFIER)).contains("profile-q");
        assertThat(c.get(Settings.OMEGA_REQUEST_TIMEOUT)).contains("45");
        assertThat(c.get(Settings.OMEGA_APIKEY)).isEmpty();
        assertThat(c.find(Settings.OMEGA_QUALIFIER).source()).isEqualTo("key omega.qualifier of profile 'default' in " + file);
    }

    @Test
    void blankValuesCountAsUnsetAndValuesAreTrimmed() {
        ConfigEnvironment c = ConfigEnvironment.of(Map.of("MODEL_URL", "  http://env  "), Map.of("model.url", " "));
        assertThat(c.get(Settings.MODEL_URL)).contains("http://env");
    }

    @Test
    void theProfileIsChosenByPropertyOrEnvironmentAndHoldsOnlyItsOwnKeys() throws IOException {
        Path file = profiles("""
                # default profile
                wallaroo.url = https://prod.example.com
                wallaroo.user = jane
                staging.wallaroo.url = https://staging.example.com
                team.eu.wallaroo.url = https://eu.example.com
                """);
        String f = file.toString();
        assertThat(ConfigEnvironment.of(Map.of("INFER4J_CONFIG_FILE", f), Map.of()).get(Settings.WALLAROO_URL))
                .contains("https://prod.example.com");

        ConfigEnvironment staging = ConfigEnvironment.of(Map.of("INFER4J_CONFIG_FILE", f, "INFER4J_PROFILE", "staging"), Map.of());
        assertThat(staging.get(Settings.WALLAROO_URL)).contains("https://staging.example.com");
        assertThat(staging.get(Settings.WALLAROO_USER)).as("no inheritance from the default profile").isEmpty();

        ConfigEnvironment eu = ConfigEnvironment.of(Map.of("INFER4J_CONFIG_FILE", f, "INFER4J_PROFILE", "staging"),
                Map.of("infer4j.profile", "team.eu"));
        assertThat(eu.get(Settings.WALLAROO_URL)).contains("https://eu.example.com");
    }

    @Test
    void theDefaultFileLivesUnderUserHomeAndMayBeAbsent() throws IOException {
        Path home = dir.resolve("home");
        assertThat(ConfigEnvironment.of(Map.of(), Map.of("user.home", home.toString())).get(Settings.MODEL_URL)).isEmpty();

        Files.createDirectories(home.resolve(".infer4j"));
        Files.writeString(home.resolve(".infer4j/config.properties"), "model.url=http://from-home\n");
        assertThat(ConfigEnvironment.of(Map.of(), Map.of("user.home", home.toString())).get(Settings.MODEL_URL))
                .contains("http://from-home");
        assertThat(ConfigEnvironment.of(Map.of("INFER4J_CONFIG_FILE", "~/.infer4j/config.properties"),
                Map.of("user.home", home.toString())).get(Settings.MODEL_URL)).contains("http://from-home");
    }

    @Test
    void aProfileOrFileNamedExplicitlyMustExist() throws IOException {
        Path file = profiles("wallaroo.url=https://prod\nstaging.wallaroo.url=https://staging\n");
        assertThatThrownBy(() -> ConfigEnvironment.of(Map.of("INFER4J_CONFIG_FILE", file.toString(),
                "INFER4J_PROFILE", "prod"), Map.of()).get(Settings.WALLAROO_URL))
                .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.setting()).contains("INFER4J_PROFILE"))
                .hasMessageContaining("profile 'prod'").hasMessageContaining("environment variable INFER4J_PROFILE")
                .hasMessageContaining("profiles default, staging");

        Path missing = dir.resolve("nope.properties");
        assertThatThrownBy(() -> ConfigEnvironment.of(Map.of("INFER4J_CONFIG_FILE", missing.toString()), Map.of())
                .get(Settings.WALLAROO_URL))
                .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.setting()).contains("INFER4J_CONFIG_FILE"))
                .hasMessageContaining(missing.toString()).hasMessageContaining("does not exist");

        assertThatThrownBy(() -> ConfigEnvironment.of(Map.of(), Map.of("infer4j.profile", "staging",
                "user.home", dir.resolve("empty-home").toString())).get(Settings.WALLAROO_URL))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("no config file");
    }

    @Test
    void settingsFromTheEnvironmentDoNotNeedTheProfile() throws IOException {
        // The file and profile are read only when a setting falls through to them.
        ConfigEnvironment c = ConfigEnvironment.of(Map.of("INFER4J_PROFILE", "absent", "MODEL_URL", "http://env"),
                Map.of("user.home", dir.toString()));
        assertThat(c.get(Settings.MODEL_URL)).contains("http://env");
        assertThatThrownBy(() -> c.get(Settings.MODEL_SCOPE)).isInstanceOf(ConfigurationException.class);
    }

    @Test
    void aMissingRequiredSettingNamesItAndEveryPlaceLookedIn() throws IOException {
        Path file = profiles("omega.user=u\n");
        assertThatThrownBy(() -> ConfigEnvironment.of(Map.of("INFER4J_CONFIG_FILE", file.toString()), Map.of())
                .require(Settings.OMEGA_URL))
                .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.setting()).contains("OMEGA_URL"))
                .hasMessageContaining("system property omega.url").hasMessageContaining("environment variable OMEGA_URL")
                .hasMessageContaining("key omega.url of profile 'default' in " + file);
        assertThatThrownBy(() -> ConfigEnvironment.of(Map.of(), Map.of("user.home", dir.resolve("h").toString()))
                .require(Settings.MODEL_URL))
                .hasMessageContaining("(no such file)");
    }

    @Test
    void anUnknownKeyIsIgnoredWithAWarningThatNamesTheKeyNotTheValue() throws IOException {
        Path file = profiles("wallaroo.url=https://x\nwallaroo.pasword=hunter2-typo\n");
        try (LogCapture logs = LogCapture.start()) {
            ConfigEnvironment c = ConfigEnvironment.of(Map.of("INFER4J_CONFIG_FILE", file.toString()), Map.of());
            assertThat(c.get(Settings.WALLAROO_URL)).contains("https://x");
            assertThat(logs.text()).contains("wallaroo.pasword").doesNotContain("hunter2-typo");
        }
    }

    @Test
    void theOldOmegaPropertyNamesStillWorkWithADeprecationWarning() {
        try (LogCapture logs = LogCapture.start()) {
            ConfigEnvironment c = ConfigEnvironment.of(Map.of("OMEGA_URL", "http://env"), Map.of("OMEGA_URL", "http://old-property"));
            assertThat(c.get(Settings.OMEGA_URL)).contains("http://old-property");
            assertThat(logs.text()).contains("System property OMEGA_URL is deprecated: use -Domega.url");

            ConfigEnvironment both = ConfigEnvironment.of(Map.of(), Map.of("OMEGA_URL", "http://old", "omega.url", "http://new"));
            assertThat(both.get(Settings.OMEGA_URL)).contains("http://new");
        }
    }

    @Test
    void toStringShowsSourcesButNeverSecrets() throws IOException {
        Path file = profiles("wallaroo.password=profile-pw-1\nmodel.clientSecret=profile-cs-2\n");
        ConfigEnvironment c = ConfigEnvironment.of(Map.of("INFER4J_CONFIG_FILE", file.toString(),
                "WALLAROO_URL", "https://w", "WALLAROO_TOKEN", "env-token-3"), Map.of("omega.apikey", "prop-key-4"));

        String s = c.toString();

        assertThat(s).contains("WALLAROO_URL=https://w (environment variable WALLAROO_URL)")
                .contains("WALLAROO_PASSWORD=*** (key wallaroo.password of profile 'default' in " + file + ")")
                .contains("OMEGA_APIKEY=*** (system property omega.apikey)")
                .doesNotContain("profile-pw-1", "profile-cs-2", "env-token-3", "prop-key-4");
    }

    @Test
    void theMapsAreCopiedSoLaterChangesDoNotLeakIn() {
        java.util.HashMap<String, String> env = new java.util.HashMap<>(Map.of("MODEL_URL", "http://a"));
        ConfigEnvironment c = ConfigEnvironment.of(env, Map.of());
        env.put("MODEL_URL", "http://b");
        assertThat(c.get(Settings.MODEL_URL)).contains("http://a");
    }
}

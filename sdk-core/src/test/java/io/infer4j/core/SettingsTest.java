package io.infer4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.infer4j.wallaroo.WallarooClient;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The declarations themselves: one naming rule, nothing declared twice or left out, defaults that match the code. */
class SettingsTest {

    @Test
    void propertiesFollowTheOneNamingRule() {
        assertThat(Setting.propertyName("WALLAROO_URL")).isEqualTo("wallaroo.url");
        assertThat(Setting.propertyName("WALLAROO_AUTH_URL")).isEqualTo("wallaroo.authUrl");
        assertThat(Setting.propertyName("OMEGA_APIKEY")).isEqualTo("omega.apikey");
        assertThat(Setting.propertyName("MODEL_API_KEY_HEADER")).isEqualTo("model.apiKeyHeader");
        assertThat(Setting.propertyName("INFER4J_CONFIG_FILE")).isEqualTo("infer4j.configFile");
        assertThatThrownBy(() -> Setting.propertyName("url")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Setting.propertyName("URL")).isInstanceOf(IllegalArgumentException.class);
        for (Setting s : Settings.all()) {
            assertThat(s.property()).isEqualTo(Setting.propertyName(s.env()));
            assertThat(s.toString()).isEqualTo(s.env());
            s.profileKey().ifPresent(k -> assertThat(k).isEqualTo(s.property()));
        }
    }

    @Test
    void everyDeclaredConstantIsListedOnceAndNamedForItsClient() throws Exception {
        List<Setting> constants = new ArrayList<>();
        for (Field f : Settings.class.getDeclaredFields()) {
            if (f.getType() == Setting.class && Modifier.isPublic(f.getModifiers()) && Modifier.isStatic(f.getModifiers())) {
                constants.add((Setting) f.get(null));
            }
        }
        assertThat(Settings.all()).containsExactlyInAnyOrderElementsOf(constants);
        Set<String> envs = new HashSet<>();
        for (Setting s : Settings.all()) {
            assertThat(envs.add(s.env())).as("%s declared twice", s).isTrue();
            String prefix = Map.of("all", "INFER4J_", "WallarooClient", "WALLAROO_", "OmegaClient", "OMEGA_",
                    "ModelEndpoint", "MODEL_").get(s.client());
            assertThat(prefix).as("client of %s", s).isNotNull();
            assertThat(s.env()).startsWith(prefix);
            assertThat(s.description()).isNotBlank();
        }
    }

    @Test
    void secretsAreTheCredentialsAndNoSecretHasADefault() {
        assertThat(Settings.all().stream().filter(Setting::secret).map(Setting::env)).containsExactlyInAnyOrder(
                "WALLAROO_TOKEN", "WALLAROO_PASSWORD", "WALLAROO_CLIENT_SECRET", "OMEGA_APIKEY", "MODEL_TOKEN",
                "MODEL_API_KEY", "MODEL_CLIENT_SECRET");
        assertThat(Settings.all().stream().filter(Setting::secret)).allSatisfy(s -> assertThat(s.defaultValue()).isEmpty());
        assertThat(Settings.all().stream().filter(Setting::required).map(Setting::env))
                .containsExactlyInAnyOrder("WALLAROO_URL", "OMEGA_URL", "MODEL_URL");
    }

    @Test
    void declaredDefaultsAreTheOnesTheCodeUses() {
        long attemptSeconds = Timeouts.DEFAULT.attempt().toSeconds();
        for (Setting s : List.of(Settings.WALLAROO_REQUEST_TIMEOUT, Settings.OMEGA_REQUEST_TIMEOUT, Settings.MODEL_REQUEST_TIMEOUT)) {
            assertThat(s.defaultValue()).contains(Long.toString(attemptSeconds));
        }
        assertThat(Settings.WALLAROO_INFERENCE_TIMEOUT.defaultValue())
                .contains(Long.toString(WallarooClient.DEFAULT_INFERENCE_TIMEOUT.toSeconds()));
        assertThat(Settings.OMEGA_EDITION.defaultValue()).contains(io.infer4j.omegaml.Edition.AUTO.name());
    }
}

package io.infer4j.testkit.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.infer4j.core.auth.ApiKeyAuth;
import io.infer4j.core.error.NotFoundException;
import io.infer4j.omegaml.Edition;
import io.infer4j.omegaml.OmegaClient;
import io.infer4j.omegaml.model.DatasetQuery;
import io.infer4j.omegaml.model.ModelInput;
import io.infer4j.omegaml.model.WriteMode;
import io.infer4j.table.Index;
import io.infer4j.table.Table;
import io.infer4j.testkit.LocalPlatform;
import io.infer4j.testkit.OmegaEdition;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A dataset written by infer4j reads back unchanged from either edition of the testkit's omega-ml,
 * which answers as the real servers do: the commercial one with every JSON key sorted and float
 * NaN as null, the open-source one with bare NaN tokens and no dtypes.
 */
class SdkOmegaDatasetsTest {
    static LocalPlatform oss;
    static LocalPlatform ce;

    @BeforeAll
    static void start() {
        oss = LocalPlatform.start();
        ce = LocalPlatform.builder().omegaEdition(OmegaEdition.COMMERCIAL).start();
    }

    @AfterAll
    static void stop() {
        Stream.of(oss, ce).forEach(LocalPlatform::close);
    }

    static OmegaClient client(OmegaEdition edition) {
        LocalPlatform p = edition == OmegaEdition.COMMERCIAL ? ce : oss;
        return OmegaClient.builder().baseUrl(p.omegaUrl())
                .auth(ApiKeyAuth.builder().user(p.user()).apiKey(p.apiKey()).build())
                .edition(edition == OmegaEdition.COMMERCIAL ? Edition.COMMERCIAL : Edition.OPEN_SOURCE).build();
    }

    @ParameterizedTest
    @EnumSource(OmegaEdition.class)
    void columnOrderNaNAndInfinitySurviveTheRoundTrip(OmegaEdition edition) {
        // columns deliberately not in alphabetical order
        Table t = Table.builder().addInt64("zeta", 3, 1, 2).addFloat64("alpha", 0.5, Double.NaN, Double.POSITIVE_INFINITY)
                .addString("mid", "a", null, "c").index(Index.ofLongs(30, 10, 20)).build();
        try (OmegaClient omega = client(edition)) {
            omega.datasets().put("order", t, WriteMode.REPLACE);

            Table back = omega.datasets().get("order");
            assertThat(back.columnNames()).containsExactly("zeta", "alpha", "mid");
            assertThat(back).isEqualTo(t);
            assertThat(back.float64("alpha").isNull(1)).isFalse();
            assertThat(back.float64("alpha").getDouble(1)).isNaN();
        }
    }

    @ParameterizedTest
    @EnumSource(OmegaEdition.class)
    void timestampLabelsWrittenByInfer4jAreStoredAsStrings(OmegaEdition edition) {
        Instant d0 = Instant.parse("2021-01-01T00:00:00Z");
        Table t = Table.builder().addFloat64("v", 1.5).index(Index.ofTimestamps(d0)).build();
        try (OmegaClient omega = client(edition)) {
            omega.datasets().put("dated", t, WriteMode.REPLACE);

            // neither PUT layout carries an index dtype, so the server keeps the ISO strings it was sent
            assertThat(omega.datasets().get("dated").index().orElseThrow()).isEqualTo(Index.ofStrings("2021-01-01T00:00:00"));
        }
    }

    @Test
    void actionOnAnUnknownModelIsNotFoundOnTheOpenSourceServer() {
        try (OmegaClient omega = client(OmegaEdition.OPEN_SOURCE)) {
            assertThatThrownBy(() -> omega.models().predict("nobody", ModelInput.json(java.util.Map.of("data", java.util.Map.of()))))
                    .isInstanceOf(NotFoundException.class).hasMessageContaining("model 'nobody' does not exist");
        }
    }

    @ParameterizedTest
    @EnumSource(OmegaEdition.class)
    void keyedOrientOnTheCommercialEditionSortsTheColumns(OmegaEdition edition) {
        Table t = Table.builder().addInt64("b", 1).addInt64("a", 2).build();
        try (OmegaClient omega = client(edition)) {
            omega.datasets().put("keyed", t, WriteMode.REPLACE);

            Table dict = omega.datasets().get("keyed", DatasetQuery.all().orient("dict"));
            assertThat(dict.columnNames()).containsExactly(edition == OmegaEdition.COMMERCIAL ? new String[] {"a", "b"} : new String[] {"b", "a"});
        }
    }
}

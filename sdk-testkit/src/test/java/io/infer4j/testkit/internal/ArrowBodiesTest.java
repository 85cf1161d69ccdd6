package io.infer4j.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.infer4j.core.internal.Json;
import io.infer4j.table.Column;
import io.infer4j.table.Table;
import io.infer4j.table.internal.TableFormats;
import io.infer4j.testsupport.FakeArrowProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A platform without an Arrow provider answers as a Wallaroo without Arrow does: 415 for an Arrow
 * body, 406 for an answer asked for only in Arrow, each naming sdk-arrow. (That is what exercises
 * the client's fallback; with a provider present the platform serves Arrow, see ArrowTest.)
 */
class ArrowBodiesTest {
    private static final TableFormats NONE = new TableFormats(List.of());
    private static final TableFormats FAKE = new TableFormats(List.of(new FakeArrowProvider()));
    private static final Engine.Target TARGET = new Engine.Target("p", "ccfraud", WallarooState.FRAUD_SHA, "v", "pv", "engine-0", false);

    private static Request request(String contentType, String accept, byte[] body) {
        Map<String, List<String>> headers = new java.util.LinkedHashMap<>();
        headers.put("Content-Type", List.of(contentType));
        if (accept != null) {
            headers.put("Accept", List.of(accept));
        }
        return new Request("POST", "/pipelines/p", null, headers, body);
    }

    private static byte[] fraudArrow() {
        return FakeArrowProvider.encode(Table.of(Column.tensor("tensor", new double[BuiltinModels.FRAUD_WIDTH])));
    }

    @Test
    void withoutAProviderAnArrowBodyIs415NamingSdkArrowAndNothingIsLogged() {
        List<ObjectNode> log = new ArrayList<>();
        assertThatThrownBy(() -> Engine.infer(request(ArrowBodies.ARROW_FILE, ArrowBodies.ARROW_FILE, fraudArrow()), TARGET, 1L, log, NONE))
                .isInstanceOfSatisfying(HttpError.class, e -> {
                    assertThat(e.response().status()).isEqualTo(415);
                    assertThat(new String(e.response().body(), java.nio.charset.StandardCharsets.UTF_8))
                            .contains("io.infer4j:sdk-arrow").contains("\"source\"");
                });
        assertThat(log).isEmpty();
    }

    @Test
    void withoutAProviderAnArrowOnlyAnswerIs406ButJsonIsFineWhenAccepted() {
        byte[] records = Json.write(List.of(Map.of("tensor", new double[BuiltinModels.FRAUD_WIDTH])));
        List<ObjectNode> log = new ArrayList<>();
        assertThatThrownBy(() -> Engine.infer(request(Response.JSON, ArrowBodies.ARROW_FILE, records), TARGET, 1L, log, NONE))
                .isInstanceOfSatisfying(HttpError.class, e -> {
                    assertThat(e.response().status()).isEqualTo(406);
                    assertThat(new String(e.response().body(), java.nio.charset.StandardCharsets.UTF_8)).contains("io.infer4j:sdk-arrow");
                });
        assertThat(log).isEmpty();
        Response json = Engine.infer(request(Response.JSON, ArrowBodies.ARROW_FILE + ", application/json", records), TARGET, 1L, log, NONE);
        assertThat(json.status()).isEqualTo(200);
        assertThat(json.headers().get("Content-Type").get(0)).startsWith("application/json");
    }

    @Test
    void withAProviderArrowComesInAndGoesOutAndIsLoggedAsRecords() {
        List<ObjectNode> log = new ArrayList<>();
        Response r = Engine.infer(request(ArrowBodies.ARROW_FILE, ArrowBodies.ARROW_FILE, fraudArrow()), TARGET, 1_700_000_000_000L, log, FAKE);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.headers().get("Content-Type")).containsExactly(ArrowBodies.ARROW_FILE);
        Table answer = FakeArrowProvider.decode(r.body());
        assertThat(answer.timestamps("time").getInstant(0)).isEqualTo(java.time.Instant.ofEpochMilli(1_700_000_000_000L));
        assertThat(answer.columnNames()).startsWith("time", "in.tensor", "out.dense_1", "anomaly.count");
        assertThat(log).singleElement().satisfies(rec -> assertThat(rec.get("in").has("tensor")).isTrue());
    }
}

package io.infer4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.infer4j.table.Column;
import io.infer4j.table.ColumnType;
import io.infer4j.table.Table;
import io.infer4j.testkit.internal.BuiltinModels;
import io.infer4j.testsupport.FakeArrowProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The platform serves Arrow IPC both ways through the provider on the class path; here that is
 * sdk-core's test stand-in (bytes {@code ARROW1} + records), registered in this module's test
 * resources. sdk-arrow's tests run the same routes with the real Arrow encoding.
 */
class ArrowTest {
    static final String ARROW = "application/vnd.apache.arrow.file";
    static LocalPlatform platform;
    static LocalPlatform legacy;
    static Http http;
    static String token;

    @BeforeAll
    static void start() {
        platform = LocalPlatform.start();
        legacy = LocalPlatform.builder().serverVersion(ServerVersion.LEGACY_2022).start();
        http = new Http(platform);
        token = http.accessToken();
    }

    @AfterAll
    static void stop() {
        platform.close();
        legacy.close();
    }

    record Bytes(int status, String contentType, byte[] body) {
        String text() {
            return new String(body, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    static Bytes post(String url, String bearer, byte[] body, String contentType, String accept) {
        Request.Builder rb = new Request.Builder().url(url).post(RequestBody.create(body, MediaType.get(contentType)))
                .header("Authorization", "Bearer " + bearer);
        if (accept != null) {
            rb.header("Accept", accept);
        }
        try (Response r = http.client.newCall(rb.build()).execute()) {
            return new Bytes(r.code(), r.header("Content-Type"), r.body().bytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Table fraudRows(int n) {
        double[][] rows = new double[n][BuiltinModels.FRAUD_WIDTH];
        for (int r = 0; r < n; r++) {
            for (int i = 0; i < rows[r].length; i++) {
                rows[r][i] = ((r * 31 + i * 7) % 40) / 10.0;
            }
        }
        return Table.of(Column.tensor("tensor", rows));
    }

    @Test
    void anArrowRequestIsAnsweredInArrowWithTheSameRecordsAsPandasRecords() throws Exception {
        String url = platform.inferenceUrl(LocalPlatform.FRAUD_PIPELINE) + "?dataset[]=*&dataset.exclude[]=metadata";
        Table input = fraudRows(3);
        Bytes arrow = post(url, token, FakeArrowProvider.encode(input), ARROW, ARROW);
        assertThat(arrow.status()).as(arrow.text()).isEqualTo(200);
        assertThat(arrow.contentType()).isEqualTo(ARROW);
        Table answer = FakeArrowProvider.decode(arrow.body());
        assertThat(answer.columnNames()).containsExactly("time", "in.tensor", "out.dense_1", "anomaly.count");
        assertThat(answer.column("time").type()).isEqualTo(ColumnType.TIMESTAMP);

        // The same rows as pandas-records give the same scores.
        Bytes json = post(url, token, io.infer4j.table.codec.PandasRecords.toBytes(input),
                "application/json; format=pandas-records", null);
        JsonNode records = Http.JSON.readTree(json.body());
        for (int r = 0; r < 3; r++) {
            assertThat(answer.tensor("out.dense_1").toDoubleArray()[r])
                    .isEqualTo(records.get(r).get("out").get("dense_1").get(0).asDouble());
        }
        assertThat(answer.tensor("in.tensor").toDoubleArray()).containsExactly(input.tensor("tensor").toDoubleArray());
    }

    @Test
    void anArrowRequestThatAcceptsJsonGetsPandasRecordsAndABadFileIsA400() throws Exception {
        String url = platform.inferenceUrl(LocalPlatform.FRAUD_PIPELINE);
        Bytes json = post(url, token, FakeArrowProvider.encode(fraudRows(2)), ARROW, "application/json; format=pandas-records");
        assertThat(json.status()).isEqualTo(200);
        assertThat(json.contentType()).startsWith("application/json");
        assertThat(Http.JSON.readTree(json.body())).hasSize(2);

        Bytes bad = post(url, token, "ARROW1 not a table".getBytes(java.nio.charset.StandardCharsets.US_ASCII), ARROW, ARROW);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.text()).contains("invalid Arrow IPC file");

        // The engine's own validation still applies to Arrow input.
        Bytes wrongWidth = post(url, token, FakeArrowProvider.encode(Table.of(Column.tensor("tensor", new double[] {1, 2}))),
                ARROW, ARROW);
        assertThat(wrongWidth.status()).isEqualTo(400);
        assertThat(wrongWidth.text()).contains("the model expects 29");

        Bytes stream = post(url, token, new byte[] {1}, "application/vnd.apache.arrow.stream", ARROW);
        assertThat(stream.status()).isEqualTo(415);
    }

    @Test
    void getLogsAnswersAnArrowPageWhenAcceptAsksForOne() throws Exception {
        post(platform.inferenceUrl(LocalPlatform.FRAUD_PIPELINE), token, FakeArrowProvider.encode(fraudRows(3)), ARROW, ARROW);
        int ws = -1;
        for (JsonNode w : http.mlops("workspaces/list", token, Map.of()).json().get("workspaces")) {
            if (w.get("name").asText().equals("ccfraudworkspace")) {
                ws = w.get("id").asInt();
            }
        }
        byte[] query = Http.JSON.writeValueAsBytes(Map.of("pipeline_name", LocalPlatform.FRAUD_PIPELINE, "workspace_id", ws,
                "page_size", 2));
        Request request = new Request.Builder().url(platform.mlopsUrl() + "/pipelines/get_logs")
                .post(RequestBody.create(query, Http.APPLICATION_JSON)).header("Authorization", "Bearer " + token)
                .header("Accept", ARROW).build();
        try (Response r = http.client.newCall(request).execute()) {
            assertThat(r.code()).isEqualTo(200);
            assertThat(r.header("Content-Type")).isEqualTo(ARROW);
            assertThat(r.header("x-iteration-cursor")).isEqualTo("2");
            Table page = FakeArrowProvider.decode(r.body().bytes());
            assertThat(page.rowCount()).isEqualTo(2);
            assertThat(page.columnNames()).contains("time", "in.tensor", "out.dense_1", "anomaly.count",
                    "metadata.last_model", "metadata.partition");
            assertThat(page.column("time").type()).isEqualTo(ColumnType.TIMESTAMP);
        }
    }

    @Test
    void wallaroo2022TakesNoArrow() {
        String legacyToken = new Http(legacy).accessToken();
        Bytes in = post(legacy.inferenceUrl(LocalPlatform.FRAUD_PIPELINE), legacyToken, FakeArrowProvider.encode(fraudRows(1)),
                ARROW, ARROW);
        assertThat(in.status()).isEqualTo(415);
        assertThat(in.text()).contains("Arrow");

        List<Map<String, Object>> records = new ArrayList<>();
        List<Double> row = new ArrayList<>();
        for (int i = 0; i < BuiltinModels.FRAUD_WIDTH; i++) {
            row.add(0.5);
        }
        records.add(Map.of("tensor", row));
        byte[] body;
        try {
            body = Http.JSON.writeValueAsBytes(records);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Bytes out = post(legacy.inferenceUrl(LocalPlatform.FRAUD_PIPELINE), legacyToken, body,
                "application/json; format=pandas-records", ARROW);
        assertThat(out.status()).isEqualTo(406);
        Bytes either = post(legacy.inferenceUrl(LocalPlatform.FRAUD_PIPELINE), legacyToken, body,
                "application/json; format=pandas-records", ARROW + ", application/json");
        assertThat(either.status()).isEqualTo(200);
    }
}

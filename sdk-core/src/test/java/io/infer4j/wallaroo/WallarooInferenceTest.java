package io.infer4j.wallaroo;

import static io.infer4j.wallaroo.WallarooTestServer.json;
import static io.infer4j.wallaroo.WallarooTestServer.tree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.infer4j.core.RequestOptions;
import io.infer4j.core.RetryPolicy;
import io.infer4j.core.error.BadRequestException;
import io.infer4j.table.Column;
import io.infer4j.table.ColumnType;
import io.infer4j.table.Table;
import io.infer4j.table.codec.PandasRecords;
import io.infer4j.testsupport.Contract;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Inference: request formats and options, decoding every recorded answer, async, parallel. */
class WallarooInferenceTest {
    /** Numbers compare by value: 28 and 28.0 are the same JSON number for a pandas server. */
    static final Comparator<JsonNode> NUMERIC = (a, b) -> a.isNumber() && b.isNumber()
            ? Double.compare(a.asDouble(), b.asDouble()) : a.equals(b) ? 0 : 1;

    @StartStop
    final MockWebServer server = new MockWebServer();

    private final WallarooTestServer.FakeTime time = new WallarooTestServer.FakeTime();
    private WallarooClient client;

    @AfterEach
    void tearDown() {
        if (client != null) {
            client.close();
        }
    }

    private InferenceTarget target() {
        return InferenceTarget.url(server.url("/v1/api/pipelines/infer/ccfraud-14/ccfraud").uri());
    }

    @Test
    void aTableIsSentAsPandasRecordsWithTheDatasetOptionsAndDecoded() throws Exception {
        client = WallarooTestServer.client(server, time);
        server.enqueue(json(200, "[{\"time\":1721686245906,\"in\":{\"tensor\":[1.5,2.0]},\"out\":{\"dense_1\":[0.25]},"
                + "\"anomaly\":{\"count\":1},\"metadata\":{\"last_model\":\"{}\"}}]"));
        Table input = Table.of(Column.tensor("tensor", new double[] {1.5, 2.0}));
        InferOptions opts = InferOptions.builder().dataset("*", "metadata").exclude("in").separator(".")
                .requestOptions(RequestOptions.attemptTimeout(Duration.ofSeconds(60))).build();
        InferenceResult r = client.pipelines().infer(target(), InferenceInput.table(input), opts);
        RecordedRequest req = server.takeRequest();
        assertThat(req.getHeaders().get("Content-Type")).isEqualTo("application/json; format=pandas-records");
        assertThat(req.getUrl().queryParameterValues("dataset[]")).containsExactly("*", "metadata");
        assertThat(req.getUrl().queryParameterValues("dataset.exclude[]")).containsExactly("in");
        assertThat(req.getUrl().queryParameter("dataset.separator")).isEqualTo(".");
        assertThat(tree(req.getBody().toByteArray())).isEqualTo(tree("[{\"tensor\":[1.5,2.0]}]".getBytes()));
        assertThat(r.format()).isEqualTo(InferenceResult.Format.PANDAS_RECORDS);
        assertThat(r.table().column("time").type()).isEqualTo(ColumnType.TIMESTAMP);
        assertThat(r.table().timestamps("time").getInstant(0)).isEqualTo(java.time.Instant.ofEpochMilli(1721686245906L));
        assertThat(r.output("dense_1").orElseThrow().toDoubleArray()).containsExactly(0.25);
        assertThat(r.output("dense_1").orElseThrow().shape()).containsExactly(1, 1);
        assertThat(r.anomalyCount()).isEqualTo(1);
    }

    @Test
    void a503WhilePipelineStartsIsRetriedWithBackoffButA500IsNot() {
        client = WallarooTestServer.client(server, time, RetryPolicy.builder().maxRetries(3).build());
        String busy = "{\"code\":503,\"status\":\"error\",\"error\":\"The resources required to run this request are not available.\",\"source\":\"engine\"}";
        server.enqueue(json(503, busy));
        server.enqueue(json(503, busy));
        server.enqueue(json(200, "[{\"time\":1,\"out\":{\"y\":[1.0]}}]"));
        InferenceResult r = client.pipelines().infer(target(), Table.of(Column.float64("x", 1.0)));
        assertThat(r.rowCount()).isEqualTo(1);
        assertThat(server.getRequestCount()).isEqualTo(3);
        assertThat(time.sleeps).hasSize(2);

        server.enqueue(json(500, "{\"code\":500,\"status\":\"error\",\"error\":\"Internal processing error\",\"source\":\"engine\"}"));
        assertThatThrownBy(() -> client.pipelines().infer(target(), Table.of(Column.float64("x", 1.0))))
                .isInstanceOf(io.infer4j.core.error.InternalServerException.class)
                .satisfies(e -> assertThat(((io.infer4j.core.error.ServiceException) e).errorSource()).contains("engine"));
        assertThat(server.getRequestCount()).isEqualTo(4);
    }

    @Test
    void aDroppedInferenceIsNotResentUnlessTheCallerDeclaresItIdempotent() {
        client = WallarooTestServer.client(server, time, RetryPolicy.builder().maxRetries(2).build());
        Table input = Table.of(Column.float64("x", 1.0));
        server.enqueue(dropped());
        assertThatThrownBy(() -> client.pipelines().infer(target(), input))
                .isInstanceOfSatisfying(io.infer4j.core.error.TransportException.class,
                        e -> assertThat(e.requestSent()).isTrue());
        assertThat(server.getRequestCount()).isEqualTo(1);

        // Opted in: the dropped attempt and a 500 are both retried, within maxRetries = 2.
        server.enqueue(dropped());
        server.enqueue(json(500, "{\"code\":500,\"status\":\"error\",\"error\":\"Internal processing error\"}"));
        server.enqueue(json(200, "[{\"time\":1,\"out\":{\"y\":[1.0]}}]"));
        InferenceResult r = client.pipelines().infer(target(), InferenceInput.table(input),
                InferOptions.builder().idempotent(true).build());
        assertThat(r.output("y").orElseThrow().toDoubleArray()).containsExactly(1.0);
        assertThat(server.getRequestCount()).isEqualTo(1 + 3);
        assertThat(time.sleeps).hasSize(2);
    }

    /** The server read the request, then closed the connection without answering. */
    private static MockResponse dropped() {
        return new MockResponse.Builder().onResponseStart(mockwebserver3.SocketEffect.ShutdownConnection.INSTANCE).build();
    }

    @Test
    void aPipelineTargetLooksTheUrlUpOnceAndInferAsyncCompletes() throws Exception {
        client = WallarooTestServer.client(server, time);
        String url = server.url("/v1/api/pipelines/infer/p-3/p").toString();
        server.enqueue(json(200, "{\"url\":\"" + url + "\"}"));
        server.enqueue(json(200, "[{\"time\":1,\"out\":{\"y\":[1.0]}}]"));
        server.enqueue(json(200, "[{\"time\":2,\"out\":{\"y\":[2.0]}}]"));
        InferenceTarget t = InferenceTarget.pipeline(5, "p");
        client.pipelines().infer(t, Table.of(Column.float64("x", 1.0)));
        InferenceResult second = client.pipelines().inferAsync(t, Table.of(Column.float64("x", 2.0))).get();
        assertThat(second.output("y").orElseThrow().toDoubleArray()).containsExactly(2.0);
        assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/v1/api/admin/get_pipeline_external_url");
        assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/v1/api/pipelines/infer/p-3/p");
        assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/v1/api/pipelines/infer/p-3/p");
    }

    @Test
    void theLegacyInferenceResultBodyIsDecodedIntoTypedTensors() {
        client = WallarooTestServer.client(server, time);
        server.enqueue(json(200, "[{\"model_name\":\"m\",\"outputs\":[{\"Float\":{\"v\":1,\"dim\":[2,1],\"data\":[0.5,0.25]}},"
                + "{\"Int64\":{\"v\":1,\"dim\":[2,2],\"data\":[1,2,3,9007199254740993]}},{\"String\":{\"v\":1,\"dim\":[2,1],\"data\":[\"a\",\"b\"]}}],"
                + "\"elapsed\":[1,2],\"shadow_data\":{},\"time\":1696454765559}]"));
        InferenceResult r = client.pipelines().infer(target(), InferenceInput.tensors(Map.of("tensor", new double[][] {{1}, {2}})));
        assertThat(r.format()).isEqualTo(InferenceResult.Format.LEGACY);
        assertThat(r.rowCount()).isEqualTo(2);
        assertThat(r.output("output_0").orElseThrow().toDoubleArray()).containsExactly(0.5, 0.25);
        assertThat(r.output("output_1").orElseThrow().toLongArray()).containsExactly(1, 2, 3, 9007199254740993L);
        assertThat(r.output("output_2").orElseThrow().toStringArray()).containsExactly("a", "b");
        assertThat(r.table().strings("out.output_2").getString(1)).isEqualTo("b");
        InferenceResult.LegacyResult legacy = r.legacyResults().get(0);
        assertThat(legacy.modelName()).contains("m");
        assertThat(legacy.outputs()).containsExactlyElementsOf(r.outputs().values());
        assertThat(legacy.elapsed().orElseThrow().get(1).asInt()).isEqualTo(2);
        assertThat(legacy.shadowData()).isEmpty();
        assertThat(legacy.time()).contains(java.time.Instant.ofEpochMilli(1696454765559L));
        assertThat(legacy.additionalProperties()).isEmpty();
        // each row of a [2, 2] output is its own 2-value cell, taken from the right offset
        assertThat(r.table().tensor("out.output_1").getTensor(1).toLongArray()).containsExactly(3, 9007199254740993L);
        assertThat(r.table().tensor("out.output_0").getTensor(1).toDoubleArray()).containsExactly(0.25);
    }

    @Test
    void theStreamingLegacyDecoderKeepsEveryValueAsSent() {
        client = WallarooTestServer.client(server, time);
        // data before dim, unknown keys, no v, null (NaN) in a float output, whole floats in an int output
        server.enqueue(json(200, "[{\"outputs\":[{\"Bool\":{\"data\":[true,false,true],\"v\":1,\"x\":{},\"dim\":[3]}},"
                + "{\"Float\":{\"v\":1,\"dim\":[3],\"data\":[null,2,0.5]}},"
                + "{\"Int64\":{\"dim\":[3],\"data\":[9223372036854775807,-1,4.0]}}],\"time\":5}]"));
        InferenceResult r = client.pipelines().infer(target(), Table.of(Column.float64("x", 1.0)));
        assertThat(r.output("output_0").orElseThrow().toBooleanArray()).containsExactly(true, false, true);
        assertThat(r.output("output_1").orElseThrow().toFloatArray()).containsExactly(Float.NaN, 2f, 0.5f);
        assertThat(r.output("output_2").orElseThrow().toLongArray()).containsExactly(Long.MAX_VALUE, -1, 4);
        assertThat(r.table().rowCount()).isEqualTo(3);
        InferenceResult.LegacyResult legacy = r.legacyResults().get(0);
        assertThat(legacy.time()).contains(java.time.Instant.ofEpochMilli(5));
        assertThat(legacy.modelName()).isEmpty();
        assertThat(legacy.elapsed()).isEmpty();
        assertThat(legacy.additionalProperties()).isEmpty();
    }

    @Test
    void legacyOutputsThatAreNotTypedObjectsAreDecodeExceptions() {
        client = WallarooTestServer.client(server, time);
        for (String body : List.of("[{\"outputs\":{\"Float\":{}}}]", "[{\"outputs\":[{\"Float\":{\"dim\":[1],\"data\":[1]},\"Int\":{}}]}]",
                "[{\"outputs\":[7]}]", "[{\"outputs\":[{\"Float\":3}]}]", "[{\"outputs\":[{\"Float\":{\"dim\":[2],\"data\":[1]}}]}]",
                "[{\"outputs\":[{\"Float\":{\"dim\":[0],\"data\":[1,2]}}]}]",
                // a value that does not fit its output is rejected, never converted: no truncation, no wrap-around, no 0
                "[{\"outputs\":[{\"Bool\":{\"dim\":[1],\"data\":[2.9]}}]}]", "[{\"outputs\":[{\"Float\":{\"dim\":[1],\"data\":[\"0.5\"]}}]}]",
                "[{\"outputs\":[{\"Int64\":{\"dim\":[1],\"data\":[18446744073709551617]}}]}]",
                "[{\"outputs\":[{\"Int64\":{\"dim\":[1],\"data\":[1.5]}}]}]", "[{\"outputs\":[{\"Int64\":{\"dim\":[1],\"data\":[[4]]}}]}]")) {
            server.enqueue(json(200, body));
            assertThatThrownBy(() -> client.pipelines().infer(target(), Table.of(Column.float64("x", 1.0))))
                    .as(body).isInstanceOf(io.infer4j.core.error.DecodeException.class).hasMessageContaining("outputs");
        }
    }

    @Test
    void aTargetParsesItsUrlOnceAndOptionsStillAddTheirQuery() throws Exception {
        InferenceTarget t = InferenceTarget.url(server.url("/v1/api/pipelines/infer/p-3/p").toString());
        assertThat(t.httpUrl(null)).isSameAs(t.httpUrl(null));
        client = WallarooTestServer.client(server, time);
        server.enqueue(json(200, "[{\"outputs\":[]}]"));
        server.enqueue(json(200, "[{\"outputs\":[]}]"));
        client.pipelines().infer(t, InferenceInput.table(Table.of(Column.float64("x", 1.0))),
                InferOptions.builder().dataset("out").build());
        client.pipelines().infer(t, Table.of(Column.float64("x", 1.0)));
        assertThat(server.takeRequest().getUrl().queryParameter("dataset[]")).isEqualTo("out");
        assertThat(server.takeRequest().getUrl().query()).isNull();
    }

    @Test
    void aLegacyResultThatIsNotAnObjectIsADecodeException() {
        client = WallarooTestServer.client(server, time);
        server.enqueue(json(200, "[{\"outputs\":[]},7]"));
        assertThatThrownBy(() -> client.pipelines().infer(target(), Table.of(Column.float64("x", 1.0))))
                .isInstanceOf(io.infer4j.core.error.DecodeException.class).hasMessageContaining("[1] should be an object");
    }

    @Test
    void aMalformedLegacyBodyIsADecodeExceptionNamingTheOutput() {
        client = WallarooTestServer.client(server, time);
        server.enqueue(json(200, "[{\"outputs\":[{\"Float\":{\"v\":1,\"dim\":[2,1],\"data\":[0.5]}}]}]"));
        assertThatThrownBy(() -> client.pipelines().infer(target(), Table.of(Column.float64("x", 1.0))))
                .isInstanceOf(io.infer4j.core.error.DecodeException.class).hasMessageContaining("outputs[0]");
    }

    // ---- contract: recorded inputs and outputs ------------------------------------------------

    static Stream<Path> recordedOutputs() {
        return Contract.files("wallaroo/recorded/inference", ".json").stream()
                .filter(p -> !p.getFileName().toString().startsWith("edge_get_"));
    }

    @ParameterizedTest
    @MethodSource("recordedOutputs")
    void everyRecordedInferenceAnswerIsDecoded(Path file) throws Exception {
        client = WallarooTestServer.client(server, time);
        byte[] body = java.nio.file.Files.readAllBytes(file);
        JsonNode recorded = tree(body);
        server.enqueue(json(200, body));
        InferenceResult r = client.pipelines().infer(target(), InferenceInput.raw("[]".getBytes(), InferenceInput.PANDAS_RECORDS));
        if (recorded.get(0).has("outputs")) {
            assertThat(r.format()).isEqualTo(InferenceResult.Format.LEGACY);
            JsonNode outs = recorded.get(0).get("outputs");
            assertThat(r.outputs()).hasSize(outs.size());
            for (int i = 0; i < outs.size(); i++) {
                JsonNode t = outs.get(i).elements().next();
                OutputTensor o = r.output("output_" + i).orElseThrow();
                assertThat(o.shape()).containsExactly(toInts(t.get("dim")));
                if (o.elementType() == ColumnType.STRING) {
                    assertThat(o.toStringArray()[0]).isEqualTo(t.get("data").get(0).asText());
                } else {
                    assertThat(o.toDoubleArray()[t.get("data").size() - 1]).isEqualTo(t.get("data").get(t.get("data").size() - 1).asDouble());
                }
            }
        } else {
            assertThat(r.format()).isEqualTo(InferenceResult.Format.PANDAS_RECORDS);
            assertThat(r.rowCount()).isEqualTo(recorded.size());
            assertThat(r.table().column("time").type()).isEqualTo(ColumnType.TIMESTAMP);
            assertThat(r.table().timestamps("time").getInstant(0).toEpochMilli()).isEqualTo(recorded.get(0).get("time").asLong());
            JsonNode first = recorded.get(0);
            List<String> outKeys = new ArrayList<>();
            if (first.has("out")) {
                first.get("out").fieldNames().forEachRemaining(outKeys::add);
            } else {
                first.fieldNames().forEachRemaining(k -> {
                    if (k.startsWith("out.")) {
                        outKeys.add(k.substring(4));
                    }
                });
            }
            assertThat(outKeys).isNotEmpty();
            for (String k : outKeys) {
                assertThat(r.table().hasColumn("out." + k)).as("out." + k).isTrue();
            }
            boolean anomaly = first.has("anomaly") || first.has("anomaly.count");
            assertThat(r.table().hasColumn(anomaly ? "anomaly.count" : "check_failures")).isTrue();
        }
    }

    @Test
    void theTutorialInputsAreSentUnchanged() throws Exception {
        client = WallarooTestServer.client(server, time);
        for (String file : List.of("wallaroo/inputs/tensor/data-1.json", "wallaroo/inputs/tensor/data-1k.json")) {
            JsonNode input = tree(Contract.bytes(file));
            server.enqueue(json(200, Contract.bytes("wallaroo/recorded/inference/aloha_data_1k.edge-infer.inferenceresult.json")));
            @SuppressWarnings("unchecked")
            Map<String, Object> tensors = WallarooTestServer.JSON.convertValue(input, Map.class);
            InferenceResult r = client.pipelines().infer(target(), InferenceInput.tensors(tensors));
            RecordedRequest req = server.takeRequest();
            assertThat(req.getHeaders().get("Content-Type")).isEqualTo("application/json");
            assertThat(tree(req.getBody().toByteArray()).equals(NUMERIC, input)).as(file).isTrue();
            assertThat(r.outputs()).hasSize(15);
        }
        for (Path file : Contract.files("wallaroo/inputs/pandas-records", ".json")) {
            byte[] bytes = java.nio.file.Files.readAllBytes(file);
            server.enqueue(json(200, "[]"));
            client.pipelines().infer(target(), PandasRecords.read(bytes));
            RecordedRequest req = server.takeRequest();
            assertThat(req.getHeaders().get("Content-Type")).isEqualTo("application/json; format=pandas-records");
            assertThat(tree(req.getBody().toByteArray()).equals(NUMERIC, tree(bytes))).as(file.toString()).isTrue();
        }
    }

    // ---- parallel -----------------------------------------------------------------------------

    @Test
    void parallelInferOverTwentyFiveThousandRowsKeepsOrderAndRecoversAFailedChunk() {
        client = WallarooTestServer.client(server, time, RetryPolicy.builder().maxRetries(2).build());
        long[][] rows = aloha25k();
        Table table = Table.of(Column.tensor("text_input", rows));
        Set<Long> failedOnce = ConcurrentHashMap.newKeySet();
        List<Integer> chunkSizes = new CopyOnWriteArrayList<>();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                JsonNode records = tree(request.getBody().toByteArray());
                chunkSizes.add(records.size());
                long firstSum = sum(records.get(0).get("text_input"));
                // Chunk number 3 answers 503 once, as a pipeline scaling up does; the retry succeeds.
                if (records.size() > 0 && isChunkThree(records, rows) && failedOnce.add(firstSum)) {
                    return json(503, "{\"code\":503,\"status\":\"error\",\"error\":\"resources not available\"}");
                }
                return json(200, echo(records).toString());
            }
        });
        List<ParallelInferOptions.Progress> progress = new CopyOnWriteArrayList<>();
        ParallelInferResult r = client.pipelines().parallelInfer(target(), table,
                ParallelInferOptions.DEFAULT.withBatchRows(2000).withMaxBatchBytes(150_000).withConcurrency(3)
                        .withProgress(progress::add));
        assertThat(r.isComplete()).isTrue();
        assertThat(r.table().rowCount()).isEqualTo(rows.length);
        double[] sums = r.table().tensor("out.sum").toDoubleArray();
        for (int i = 0; i < rows.length; i++) {
            assertThat(sums[i]).as("row %d", i).isEqualTo((double) java.util.Arrays.stream(rows[i]).sum());
        }
        assertThat(failedOnce).hasSize(1);
        assertThat(chunkSizes).allMatch(n -> n <= 2000);
        assertThat(progress).hasSize(r.chunks().size());
        assertThat(progress.stream().mapToLong(ParallelInferOptions.Progress::rowsDone).max()).hasValue(rows.length);
    }

    @Test
    void aChunkThatKeepsFailingIsReportedWithItsRowsAndTheRestArrive() {
        client = WallarooTestServer.client(server, time, RetryPolicy.builder().maxRetries(1).build());
        ChunkServer chunks = new ChunkServer(server);
        chunks.always(4, () -> json(400, "{\"code\":400,\"status\":\"error\",\"error\":\"tensor values may not be null\",\"source\":\"engine\"}"));
        ParallelInferResult r = client.pipelines().parallelInfer(target(), chunks.table(10),
                ParallelInferOptions.DEFAULT.withBatchRows(2));
        assertThat(r.failures()).singleElement().satisfies(f -> {
            assertThat(f.fromRow()).isEqualTo(4);
            assertThat(f.toRow()).isEqualTo(6);
            assertThat(f.error()).isInstanceOf(BadRequestException.class).hasMessageContaining("tensor values may not be null");
        });
        assertThat(r.table().rowCount()).isEqualTo(8);
        assertThat(r.chunks().get(2)).isNull();
        assertThat(r.table().tensor("out.sum").toDoubleArray()).containsExactly(0, 2, 4, 6, 12, 14, 16, 18);
        // A 400 is the caller's mistake: sending it again cannot help.
        assertThat(chunks.hits(4)).isEqualTo(1);
    }

    @Test
    void aDroppedChunkIsSentAgainByDefaultAndEveryRowArrivesInOrder() {
        client = WallarooTestServer.client(server, time, RetryPolicy.builder().maxRetries(2).build());
        ChunkServer chunks = new ChunkServer(server);
        chunks.then(4, WallarooInferenceTest::dropped);
        ParallelInferResult r = client.pipelines().parallelInfer(target(), chunks.table(10),
                ParallelInferOptions.DEFAULT.withBatchRows(2));
        assertThat(r.isComplete()).isTrue();
        assertThat(r.table().tensor("out.sum").toDoubleArray()).containsExactly(0, 2, 4, 6, 8, 10, 12, 14, 16, 18);
        // The transport does not resend a sent inference; parallelInfer does, once, after a backoff.
        assertThat(chunks.hits(4)).isEqualTo(2);
        assertThat(server.getRequestCount()).isEqualTo(5 + 1);
        assertThat(time.sleeps).hasSize(1);
    }

    @Test
    void a5xxChunkIsSentAgainAndTheServersRetryAfterIsHonoured() {
        client = WallarooTestServer.client(server, time);
        ChunkServer chunks = new ChunkServer(server);
        chunks.then(2, () -> json(500, "{\"code\":500,\"status\":\"error\",\"error\":\"Internal processing error\"}"));
        chunks.then(6, () -> new MockResponse.Builder().code(503).setHeader("Retry-After", "7")
                .setHeader("Content-Type", "application/json").body("{\"code\":503,\"error\":\"busy\"}").build());
        ParallelInferResult r = client.pipelines().parallelInfer(target(), chunks.table(10),
                ParallelInferOptions.DEFAULT.withBatchRows(2).withConcurrency(1));
        assertThat(r.isComplete()).isTrue();
        assertThat(r.table().tensor("out.sum").toDoubleArray()).containsExactly(0, 2, 4, 6, 8, 10, 12, 14, 16, 18);
        assertThat(chunks.hits(2)).isEqualTo(2);
        assertThat(chunks.hits(6)).isEqualTo(2);
        assertThat(time.sleeps).hasSize(2).contains(Duration.ofSeconds(7));
    }

    @Test
    void aTruncatedAnswerIsSentAgain() {
        client = WallarooTestServer.client(server, time);
        ChunkServer chunks = new ChunkServer(server);
        // Content-Length announces the whole answer; the connection closes half-way through it.
        chunks.then(0, () -> new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json")
                .body(echo(chunks.recordsOf(0, 2)).toString())
                .onResponseBody(mockwebserver3.SocketEffect.ShutdownConnection.INSTANCE).build());
        ParallelInferResult r = client.pipelines().parallelInfer(target(), chunks.table(4),
                ParallelInferOptions.DEFAULT.withBatchRows(2));
        assertThat(r.failures()).isEmpty();
        assertThat(r.table().tensor("out.sum").toDoubleArray()).containsExactly(0, 2, 4, 6);
        assertThat(chunks.hits(0)).isEqualTo(2);
    }

    @Test
    void aTimedOutChunkIsSentAgain() {
        client = WallarooTestServer.client(server, time);
        ChunkServer chunks = new ChunkServer(server);
        chunks.then(2, () -> new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json")
                .body(echo(chunks.recordsOf(2, 4)).toString()).bodyDelay(5, java.util.concurrent.TimeUnit.SECONDS).build());
        ParallelInferResult r = client.pipelines().parallelInfer(target(), chunks.table(4),
                ParallelInferOptions.DEFAULT.withBatchRows(2).withInferOptions(InferOptions.builder()
                        .requestOptions(RequestOptions.attemptTimeout(Duration.ofMillis(300))).build()));
        assertThat(r.isComplete()).isTrue();
        assertThat(chunks.hits(2)).isEqualTo(2);
    }

    @Test
    void aChunkFailingForGoodIsSentExactlyRetriesTimesMoreAndKeepsItsRows() {
        client = WallarooTestServer.client(server, time);
        for (int retries : new int[] {0, 1, 3}) {
            ChunkServer chunks = new ChunkServer(server);
            chunks.always(6, () -> json(502, "<html><body><h1>502 Bad Gateway</h1></body></html>"));
            ParallelInferResult r = client.pipelines().parallelInfer(target(), chunks.table(10),
                    ParallelInferOptions.DEFAULT.withBatchRows(2).withRetries(retries));
            assertThat(chunks.hits(6)).as("retries=%d", retries).isEqualTo(1 + retries);
            assertThat(r.failures()).singleElement().satisfies(f -> {
                assertThat(f.fromRow()).isEqualTo(6);
                assertThat(f.toRow()).isEqualTo(8);
                assertThat(f.error()).isInstanceOf(io.infer4j.core.error.InternalServerException.class);
                assertThat(((io.infer4j.core.error.Infer4jException) f.error()).attempts()).isEqualTo(1 + retries);
                assertThat(f.error().getSuppressed()).hasSize(retries);
            });
            assertThat(r.chunks().get(3)).isNull();
            assertThat(r.table().tensor("out.sum").toDoubleArray()).containsExactly(0, 2, 4, 6, 8, 10, 16, 18);
        }
    }

    @Test
    void aResendNeverWaitsPastTheCallTimeout() {
        client = WallarooTestServer.client(server, time);
        ChunkServer chunks = new ChunkServer(server);
        chunks.always(0, () -> new MockResponse.Builder().code(503).setHeader("Retry-After", "30").build());
        ParallelInferResult r = client.pipelines().parallelInfer(target(), chunks.table(2),
                ParallelInferOptions.DEFAULT.withRetries(5).withInferOptions(InferOptions.builder()
                        .requestOptions(RequestOptions.builder().callTimeout(Duration.ofSeconds(20)).build()).build()));
        assertThat(r.failures()).singleElement().satisfies(f ->
                assertThat(f.error()).isInstanceOf(io.infer4j.core.error.ServiceUnavailableException.class));
        assertThat(chunks.hits(0)).isEqualTo(1);
        assertThat(time.sleeps).isEmpty();
    }

    @Test
    void anInterruptedOrAbandonedRunStopsResending() {
        ParallelInference.Chunk chunk = new ParallelInference.Chunk(0, 1, new byte[0]);
        java.util.concurrent.atomic.AtomicInteger sends = new java.util.concurrent.atomic.AtomicInteger();
        java.util.function.BiFunction<byte[], Duration, InferenceResult> failing = (body, remaining) -> {
            sends.incrementAndGet();
            throw new io.infer4j.core.error.TransportException("connection reset", true, null);
        };
        ParallelInference.Resend interrupted = new ParallelInference.Resend(3, RetryPolicy.DEFAULT, Duration.ofMinutes(1),
                time, d -> {
                    throw new InterruptedException("cancelled");
                });
        try {
            assertThatThrownBy(() -> interrupted.run(chunk, failing, new java.util.concurrent.atomic.AtomicBoolean()))
                    .isInstanceOf(io.infer4j.core.error.TransportException.class);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
        assertThat(sends).hasValue(1);

        ParallelInference.Resend resend = new ParallelInference.Resend(3, RetryPolicy.DEFAULT, Duration.ofMinutes(1), time, time);
        assertThatThrownBy(() -> resend.run(chunk, failing, new java.util.concurrent.atomic.AtomicBoolean(true)))
                .isInstanceOf(io.infer4j.core.error.TransportException.class);
        assertThat(sends).hasValue(2);
    }

    @Test
    void retriesMustNotBeNegative() {
        assertThatThrownBy(() -> ParallelInferOptions.DEFAULT.withRetries(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("retries");
        assertThat(ParallelInferOptions.DEFAULT.retries()).isEqualTo(1);
    }

    /**
     * A pipeline that sums each row, whose chunks are told apart by their first row's first value
     * (rows are {@code {i, i}}); per chunk it can play scripted answers first, and counts hits.
     */
    private static final class ChunkServer {
        private final Map<Long, java.util.Deque<java.util.function.Supplier<MockResponse>>> scripts = new ConcurrentHashMap<>();
        private final Map<Long, java.util.function.Supplier<MockResponse>> always = new ConcurrentHashMap<>();
        private final Map<Long, java.util.concurrent.atomic.AtomicInteger> hits = new ConcurrentHashMap<>();
        private long[][] rows;

        ChunkServer(MockWebServer server) {
            server.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    JsonNode records = tree(request.getBody().toByteArray());
                    long first = records.get(0).get("text_input").get(0).asLong();
                    hits.computeIfAbsent(first, k -> new java.util.concurrent.atomic.AtomicInteger()).incrementAndGet();
                    java.util.function.Supplier<MockResponse> scripted = scripts.getOrDefault(first, new java.util.ArrayDeque<>()).poll();
                    if (scripted == null) {
                        scripted = always.get(first);
                    }
                    return scripted != null ? scripted.get() : json(200, echo(records).toString());
                }
            });
        }

        Table table(int n) {
            rows = new long[n][];
            for (int i = 0; i < n; i++) {
                rows[i] = new long[] {i, i};
            }
            return Table.of(Column.tensor("text_input", rows));
        }

        /** The request records of rows {@code [from, to)}, as the client sends them. */
        JsonNode recordsOf(int from, int to) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            for (int i = from; i < to; i++) {
                out.addObject().set("text_input", WallarooTestServer.JSON.valueToTree(rows[i]));
            }
            return out;
        }

        void then(long firstValue, java.util.function.Supplier<MockResponse> answer) {
            scripts.computeIfAbsent(firstValue, k -> new java.util.concurrent.ConcurrentLinkedDeque<>()).add(answer);
        }

        void always(long firstValue, java.util.function.Supplier<MockResponse> answer) {
            always.put(firstValue, answer);
        }

        int hits(long firstValue) {
            java.util.concurrent.atomic.AtomicInteger n = hits.get(firstValue);
            return n == null ? 0 : n.get();
        }
    }

    private static boolean isChunkThree(JsonNode records, long[][] rows) {
        // The splitter is deterministic; recognise the chunk by its first row's content.
        return records.get(0).get("text_input").equals(NUMERIC, WallarooTestServer.JSON.valueToTree(rows[3 * chunkRows(rows)]));
    }

    private static int chunkRows(long[][] rows) {
        return ParallelInference.split(Table.of(Column.tensor("text_input", rows)).slice(0, 2000),
                ParallelInferOptions.DEFAULT.withBatchRows(2000).withMaxBatchBytes(150_000)).get(0).to();
    }

    /** What a pipeline computing the sum of each row would answer, in pandas-records. */
    private static ArrayNode echo(JsonNode records) {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        for (JsonNode rec : records) {
            ObjectNode o = out.addObject();
            o.put("time", 1752682622795L);
            o.putObject("in").set("text_input", rec.get("text_input"));
            o.putObject("out").putArray("sum").add((double) sum(rec.get("text_input")));
            o.putObject("anomaly").put("count", 0);
        }
        return out;
    }

    private static long sum(JsonNode row) {
        long s = 0;
        for (JsonNode v : row) {
            s += v.asLong();
        }
        return s;
    }

    /** The 24,954 Aloha rows of data-25k.json, or generated rows of the same shape without ../shared. */
    private static long[][] aloha25k() {
        if (Contract.available()) {
            JsonNode rows = tree(Contract.bytes("wallaroo/inputs/tensor/data-25k.json")).get("text_input");
            long[][] out = new long[rows.size()][];
            for (int i = 0; i < out.length; i++) {
                out[i] = new long[rows.get(i).size()];
                for (int j = 0; j < out[i].length; j++) {
                    out[i][j] = rows.get(i).get(j).asLong();
                }
            }
            return out;
        }
        Random random = new Random(25_000);
        long[][] out = new long[24_954][50];
        for (long[] row : out) {
            for (int j = 0; j < row.length; j++) {
                row[j] = random.nextInt(40);
            }
        }
        return out;
    }

    private static int[] toInts(JsonNode array) {
        int[] a = new int[array.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = array.get(i).asInt();
        }
        return a;
    }

}

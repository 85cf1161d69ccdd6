package io.infer4j.wallaroo;

import static io.infer4j.wallaroo.WallarooTestServer.body;
import static io.infer4j.wallaroo.WallarooTestServer.json;
import static io.infer4j.wallaroo.WallarooTestServer.tree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.infer4j.core.RetryPolicy;
import io.infer4j.core.error.BadRequestException;
import io.infer4j.core.error.DecodeException;
import io.infer4j.core.error.ServiceException;
import io.infer4j.core.error.UnexpectedStatusException;
import io.infer4j.core.error.UnsupportedByServerException;
import io.infer4j.table.Column;
import io.infer4j.table.ColumnType;
import io.infer4j.table.Table;
import io.infer4j.table.codec.PandasRecords;
import io.infer4j.table.codec.ReadOptions;
import io.infer4j.testsupport.FakeArrowProvider;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Arrow IPC inference and logs through the provider SPI. sdk-core's tests register
 * {@link FakeArrowProvider} (bytes {@code ARROW1} + pandas-records), so every Arrow code path of the
 * client runs as it does with sdk-arrow; the real encoding is sdk-arrow's to test.
 */
class WallarooArrowTest {
    private static final String ARROW = "application/vnd.apache.arrow.file";
    private static final InferOptions AS_ARROW = InferOptions.builder().format(InferenceFormat.ARROW).build();
    /** A nested pandas-records answer with every section; the Arrow answer below carries the same content. */
    private static final String NESTED_ANSWER = "["
            + "{\"time\":1721686245906,\"in\":{\"tensor\":[1.0,2.5]},\"out\":{\"dense_1\":[0.25],\"label\":\"fraud\"},"
            + "\"anomaly\":{\"count\":0},\"metadata\":{\"last_model\":\"{\\\"model_name\\\":\\\"m\\\"}\","
            + "\"pipeline_version\":\"v-1\",\"elapsed\":[10,20],\"partition\":\"engine-0\"}},"
            + "{\"time\":1721686245906,\"in\":{\"tensor\":[3.0,4.5]},\"out\":{\"dense_1\":[0.75],\"label\":\"ok\"},"
            + "\"anomaly\":{\"count\":1},\"metadata\":{\"last_model\":\"{\\\"model_name\\\":\\\"m\\\"}\","
            + "\"pipeline_version\":\"v-1\",\"elapsed\":[11,21],\"partition\":\"engine-0\"}}]";

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

    private static Table input() {
        return Table.of(Column.tensor("tensor", new double[] {1.0, 2.5}, new double[] {3.0, 4.5}));
    }

    /**
     * {@link #NESTED_ANSWER} as Wallaroo's Arrow answer: flattened names ({@code in.tensor},
     * {@code metadata.elapsed}), sorted as a flattened answer arrives, {@code time} a timestamp.
     */
    private static byte[] arrowAnswer(String nestedRecords) {
        Table flat = PandasRecords.read(nestedRecords.getBytes(StandardCharsets.UTF_8),
                ReadOptions.defaults().withType("time", ColumnType.TIMESTAMP));
        List<String> sorted = new ArrayList<>(flat.columnNames());
        sorted.sort(null);
        return FakeArrowProvider.encode(flat.select(sorted.toArray(new String[0])));
    }

    private static MockResponse arrow(int code, byte[] body, String contentType) {
        MockResponse.Builder b = new MockResponse.Builder().code(code).body(new Buffer().write(body));
        if (contentType != null) {
            b.setHeader("Content-Type", contentType);
        }
        return b.build();
    }

    // ---- request and answer -------------------------------------------------------------------

    @Test
    void anArrowInferenceSendsAnArrowFileWithWallaroosHeadersAndAsksForArrow() throws Exception {
        client = WallarooTestServer.client(server, time);
        server.enqueue(arrow(200, arrowAnswer(NESTED_ANSWER), ARROW));
        InferenceResult r = client.pipelines().infer(target(), input(),
                InferOptions.builder().format(InferenceFormat.ARROW).dataset("*", "metadata").separator(".").build());

        RecordedRequest req = server.takeRequest();
        assertThat(req.getHeaders().get("Content-Type")).isEqualTo(ARROW);
        assertThat(req.getHeaders().get("Accept")).isEqualTo(ARROW);
        assertThat(req.getHeaders().get("format")).isEqualTo("arrow");
        assertThat(req.getUrl().queryParameterValues("dataset[]")).containsExactly("*", "metadata");
        byte[] sent = req.getBody().toByteArray();
        assertThat(new String(sent, 0, 6, StandardCharsets.US_ASCII)).isEqualTo("ARROW1");
        assertThat(FakeArrowProvider.decode(sent)).isEqualTo(input());

        assertThat(r.format()).isEqualTo(InferenceResult.Format.ARROW);
        assertThat(r.rowCount()).isEqualTo(2);
        assertThat(r.output("dense_1").orElseThrow().toDoubleArray()).containsExactly(0.25, 0.75);
        assertThat(r.anomalyCount()).isEqualTo(1);
    }

    @Test
    void theDefaultFormatStillSendsPandasRecordsAndArrowFactoryInputsAlwaysGoAsArrow() throws Exception {
        client = WallarooTestServer.client(server, time);
        server.enqueue(json(200, NESTED_ANSWER));
        client.pipelines().infer(target(), input(), InferOptions.DEFAULT);
        RecordedRequest pandas = server.takeRequest();
        assertThat(pandas.getHeaders().get("Content-Type")).isEqualTo(InferenceInput.PANDAS_RECORDS);
        assertThat(pandas.getHeaders().get("format")).isNull();
        assertThat(pandas.getHeaders().get("Accept")).isEqualTo(InferenceInput.PANDAS_RECORDS + ", application/json");

        server.enqueue(arrow(200, arrowAnswer(NESTED_ANSWER), ARROW));
        InferenceInput in = InferenceInput.arrow(input());
        assertThat(in.contentType()).isEqualTo(InferenceInput.ARROW_FILE).isEqualTo(ARROW);
        InferenceResult r = client.pipelines().infer(target(), in, InferOptions.DEFAULT);
        RecordedRequest req = server.takeRequest();
        assertThat(req.getHeaders().get("Content-Type")).isEqualTo(ARROW);
        assertThat(req.getHeaders().get("Accept")).isEqualTo(ARROW);
        assertThat(req.getHeaders().get("format")).isEqualTo("arrow");
        assertThat(FakeArrowProvider.decode(req.getBody().toByteArray())).isEqualTo(input());
        assertThat(r.format()).isEqualTo(InferenceResult.Format.ARROW);
        assertThat(InferenceFormat.ARROW.mediaType()).isEqualTo(ARROW);
        assertThat(InferenceFormat.PANDAS_RECORDS.mediaType()).isEqualTo(InferenceInput.PANDAS_RECORDS);
        assertThat(InferOptions.DEFAULT.format()).isEqualTo(InferenceFormat.PANDAS_RECORDS);
    }

    @Test
    void anArrowAnswerDecodesToTheSameColumnsAndValuesAsTheJsonAnswerOfTheSameContent() {
        client = WallarooTestServer.client(server, time);
        server.enqueue(json(200, NESTED_ANSWER));
        server.enqueue(arrow(200, arrowAnswer(NESTED_ANSWER), ARROW));
        InferenceResult fromJson = client.pipelines().infer(target(), input());
        InferenceResult fromArrow = client.pipelines().infer(target(), input(), AS_ARROW);

        assertThat(fromJson.format()).isEqualTo(InferenceResult.Format.PANDAS_RECORDS);
        assertThat(fromArrow.format()).isEqualTo(InferenceResult.Format.ARROW);
        // The Arrow columns arrived sorted (anomaly.count first); both come out in the nested answer's order.
        assertThat(fromArrow.table().columnNames()).containsExactly("time", "in.tensor", "out.dense_1", "out.label",
                "anomaly.count", "metadata.last_model", "metadata.pipeline_version", "metadata.elapsed",
                "metadata.partition");
        assertThat(fromArrow.table().columnNames()).isEqualTo(fromJson.table().columnNames());
        assertThat(fromArrow.table()).isEqualTo(fromJson.table());
        assertThat(fromArrow.table().column("time").type()).isEqualTo(ColumnType.TIMESTAMP);
        assertThat(fromArrow.table().timestamps("time").getInstant(1)).isEqualTo(Instant.ofEpochMilli(1721686245906L));
        assertThat(fromArrow.outputs()).isEqualTo(fromJson.outputs());
        assertThat(fromArrow.outputs().keySet()).containsExactly("dense_1", "label");
        assertThat(fromArrow.anomalyCount()).isEqualTo(fromJson.anomalyCount()).isEqualTo(1);
    }

    @Test
    void anAnswerWithoutOrWithAGenericContentTypeIsSniffedAndJsonStillDecodesAsJson() throws Exception {
        client = WallarooTestServer.client(server, time);
        server.enqueue(arrow(200, arrowAnswer(NESTED_ANSWER), null));
        server.enqueue(arrow(200, arrowAnswer(NESTED_ANSWER), "application/octet-stream"));
        server.enqueue(arrow(200, NESTED_ANSWER.getBytes(StandardCharsets.UTF_8), null));
        InferenceResult none = client.pipelines().infer(target(), input(), AS_ARROW);
        InferenceResult generic = client.pipelines().infer(target(), input(), AS_ARROW);
        InferenceResult json = client.pipelines().infer(target(), input(), AS_ARROW);
        assertThat(server.takeRequest().getHeaders().get("Content-Type")).isEqualTo(ARROW);
        assertThat(none.format()).isEqualTo(InferenceResult.Format.ARROW);
        assertThat(generic.format()).isEqualTo(InferenceResult.Format.ARROW);
        assertThat(json.format()).isEqualTo(InferenceResult.Format.PANDAS_RECORDS);
        assertThat(none.table()).isEqualTo(json.table());
    }

    @Test
    void anArrowAnswerToAPandasRequestAndToRawArrowBytesIsDecodedByItsContentType() throws Exception {
        client = WallarooTestServer.client(server, time);
        server.enqueue(arrow(200, arrowAnswer(NESTED_ANSWER), ARROW + "; charset=binary"));
        assertThat(client.pipelines().infer(target(), input()).format()).isEqualTo(InferenceResult.Format.ARROW);
        server.takeRequest();

        byte[] file = FakeArrowProvider.encode(input());
        server.enqueue(arrow(200, arrowAnswer(NESTED_ANSWER), ARROW));
        InferenceResult r = client.pipelines().infer(target(), InferenceInput.raw(file, InferenceInput.ARROW_FILE));
        RecordedRequest req = server.takeRequest();
        assertThat(req.getHeaders().get("Content-Type")).isEqualTo(ARROW);
        assertThat(req.getHeaders().get("Accept")).isEqualTo(ARROW);
        assertThat(req.getHeaders().get("format")).isEqualTo("arrow");
        assertThat(req.getBody().toByteArray()).isEqualTo(file);
        assertThat(r.format()).isEqualTo(InferenceResult.Format.ARROW);
        assertThat(r.output("label").orElseThrow().toStringArray()).containsExactly("fraud", "ok");
    }

    @Test
    void aMalformedArrowAnswerIsADecodeException() {
        client = WallarooTestServer.client(server, time);
        server.enqueue(arrow(200, "not arrow at all".getBytes(StandardCharsets.US_ASCII), ARROW));
        assertThatThrownBy(() -> client.pipelines().infer(target(), input(), AS_ARROW))
                .isInstanceOf(DecodeException.class).hasMessageContaining("ARROW1");
    }

    @Test
    void arrowEpochMillisecondTimesAndZonedTimesBecomeTheNaiveTimestampsOfTheJsonPath() {
        Table millis = Table.of(Column.int64("time", 1721686245906L, 1721686245907L), Column.tensor("out.y", new double[] {1}, new double[] {2}));
        InferenceResult r = InferenceCodec.fromTable(millis, InferenceResult.Format.ARROW);
        assertThat(r.table().column("time").type()).isEqualTo(ColumnType.TIMESTAMP);
        assertThat(r.table().timestamps("time").getInstant(1)).isEqualTo(Instant.ofEpochMilli(1721686245907L));
        assertThat(r.table().timestamps("time").zone()).isEmpty();

        Table zoned = Table.of(Column.timestamps("time", Instant.ofEpochMilli(5)).withZone(java.time.ZoneOffset.UTC));
        assertThat(InferenceCodec.fromTable(zoned, InferenceResult.Format.ARROW).table().timestamps("time").zone()).isEmpty();

        assertThatThrownBy(() -> InferenceCodec.fromTable(Table.of(Column.strings("time", "soon")), InferenceResult.Format.ARROW))
                .isInstanceOf(DecodeException.class).hasMessageContaining("time is a STRING column");
        assertThatThrownBy(() -> InferenceCodec.fromTable(Table.of(Column.int64("time", Long.MAX_VALUE)), InferenceResult.Format.ARROW))
                .isInstanceOf(DecodeException.class).hasMessageContaining("out of the timestamp range");
    }

    // ---- a server without Arrow ---------------------------------------------------------------

    @Test
    void a415Or406ToAnArrowRequestSaysToSendPandasRecordsAndIsNotRetried() {
        client = WallarooTestServer.client(server, time, RetryPolicy.builder().maxRetries(3).build());
        server.enqueue(json(415, "{\"code\":415,\"status\":\"error\",\"error\":\"Unsupported Media Type\",\"source\":\"platform\"}"));
        assertThatThrownBy(() -> client.pipelines().infer(target(), input(), AS_ARROW))
                .isInstanceOfSatisfying(UnsupportedByServerException.class, e -> {
                    assertThat(e.status()).isEqualTo(415);
                    assertThat(e.feature()).contains("Arrow").contains(ARROW);
                    assertThat(e.getCause()).isInstanceOf(UnexpectedStatusException.class);
                    assertThat(((ServiceException) e.getCause()).status()).isEqualTo(415);
                    assertThat(e.attempts()).isEqualTo(1);
                })
                .hasMessageContaining("does not take Arrow")
                .hasMessageContaining("Unsupported Media Type")
                .hasMessageContaining("InferOptions.builder().format(InferenceFormat.PANDAS_RECORDS)");
        assertThat(server.getRequestCount()).isEqualTo(1);

        server.enqueue(json(406, "{\"code\":406,\"error\":\"Not Acceptable\"}"));
        assertThatThrownBy(() -> client.pipelines().infer(target(), InferenceInput.arrow(input()), InferOptions.DEFAULT))
                .isInstanceOfSatisfying(UnsupportedByServerException.class, e -> assertThat(e.status()).isEqualTo(406))
                .hasMessageContaining("PANDAS_RECORDS");
        assertThat(server.getRequestCount()).isEqualTo(2);
        assertThat(time.sleeps).isEmpty();
    }

    @Test
    void a400ThatMentionsArrowIsTheSameButOther400sAndPandasRequestsKeepTheirException() {
        client = WallarooTestServer.client(server, time);
        server.enqueue(json(400, "{\"code\":400,\"status\":\"error\",\"error\":\"failed to read Arrow IPC file\",\"source\":\"engine\"}"));
        assertThatThrownBy(() -> client.pipelines().infer(target(), input(), AS_ARROW))
                .isInstanceOfSatisfying(UnsupportedByServerException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.getCause()).isInstanceOf(BadRequestException.class);
                });

        server.enqueue(json(400, "{\"code\":400,\"status\":\"error\",\"error\":\"tensor values may not be null\",\"source\":\"engine\"}"));
        assertThatThrownBy(() -> client.pipelines().infer(target(), input(), AS_ARROW))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("tensor values may not be null");

        // A pandas-records request that gets a 415 has nothing to fall back to: the plain status exception.
        server.enqueue(json(415, "{\"code\":415,\"error\":\"Unsupported Media Type\"}"));
        assertThatThrownBy(() -> client.pipelines().infer(target(), input()))
                .isInstanceOf(UnexpectedStatusException.class).isNotInstanceOf(UnsupportedByServerException.class);
    }

    // ---- async and parallel -------------------------------------------------------------------

    @Test
    void inferAsyncSendsArrowAndAnAsyncRefusalIsTheSameException() throws Exception {
        client = WallarooTestServer.client(server, time);
        server.enqueue(arrow(200, arrowAnswer(NESTED_ANSWER), ARROW));
        InferenceResult r = client.pipelines().inferAsync(target(), input(), AS_ARROW).get(30, TimeUnit.SECONDS);
        assertThat(r.format()).isEqualTo(InferenceResult.Format.ARROW);
        assertThat(r.output("dense_1").orElseThrow().toDoubleArray()).containsExactly(0.25, 0.75);
        RecordedRequest req = server.takeRequest();
        assertThat(req.getHeaders().get("Content-Type")).isEqualTo(ARROW);
        assertThat(req.getHeaders().get("format")).isEqualTo("arrow");

        server.enqueue(json(415, "{\"code\":415,\"error\":\"Unsupported Media Type\"}"));
        CompletableFuture<InferenceResult> refused = client.pipelines().inferAsync(target(), InferenceInput.table(input()), AS_ARROW);
        assertThatThrownBy(() -> refused.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(UnsupportedByServerException.class);
    }

    @Test
    void parallelInferEncodesEveryChunkAsArrowAndMergesTheArrowAnswersInOrder() {
        client = WallarooTestServer.client(server, time);
        List<String> problems = new CopyOnWriteArrayList<>();
        List<Integer> chunkRows = new CopyOnWriteArrayList<>();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                byte[] body = request.getBody().toByteArray();
                if (!ARROW.equals(request.getHeaders().get("Content-Type")) || !"arrow".equals(request.getHeaders().get("format"))
                        || !ARROW.equals(request.getHeaders().get("Accept")) || !new FakeArrowProvider().sniff(body)) {
                    problems.add(request.getHeaders().toString());
                    return json(400, "{\"code\":400,\"error\":\"expected Arrow\"}");
                }
                JsonNode records = tree(Arrays.copyOfRange(body, 6, body.length));
                chunkRows.add(records.size());
                return arrow(200, arrowAnswer(echo(records).toString()), ARROW);
            }
        });
        int n = 23;
        long[][] rows = new long[n][];
        for (int i = 0; i < n; i++) {
            rows[i] = new long[] {i, i};
        }
        ParallelInferResult r = client.pipelines().parallelInfer(target(), Table.of(Column.tensor("text_input", rows)),
                ParallelInferOptions.DEFAULT.withBatchRows(5).withConcurrency(3).withInferOptions(AS_ARROW));
        assertThat(problems).isEmpty();
        assertThat(r.isComplete()).isTrue();
        assertThat(chunkRows).hasSize(5).allMatch(k -> k <= 5);
        assertThat(r.chunks()).allMatch(c -> c.format() == InferenceResult.Format.ARROW);
        double[] sums = r.table().tensor("out.sum").toDoubleArray();
        for (int i = 0; i < n; i++) {
            assertThat(sums[i]).as("row %d", i).isEqualTo(2.0 * i);
        }
        assertThat(r.table().column("time").type()).isEqualTo(ColumnType.TIMESTAMP);
    }

    @Test
    void chunksAreHalvedUntilTheirArrowEncodingFitsMaxBatchBytes() {
        double[][] rows = new double[40][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = new double[] {i, i + 0.5, i + 0.25};
        }
        Table table = Table.of(Column.tensor("tensor", rows));
        int oneRow = FakeArrowProvider.encode(table.slice(0, 1)).length;
        long max = oneRow * 7L;
        List<ParallelInference.Chunk> chunks = ParallelInference.split(table,
                ParallelInferOptions.DEFAULT.withBatchRows(40).withMaxBatchBytes(max).withInferOptions(AS_ARROW));
        int next = 0;
        for (ParallelInference.Chunk c : chunks) {
            assertThat(c.from()).isEqualTo(next);
            assertThat(c.body().length).isLessThanOrEqualTo((int) max);
            assertThat(FakeArrowProvider.decode(c.body())).isEqualTo(table.slice(c.from(), c.to()).withIndex(null));
            next = c.to();
        }
        assertThat(next).isEqualTo(40);
        assertThat(chunks).hasSizeGreaterThan(1).allMatch(c -> c.to() - c.from() < 40);
        // The same options in pandas-records give JSON chunks, also within the limit.
        assertThat(ParallelInference.split(table, ParallelInferOptions.DEFAULT.withBatchRows(40).withMaxBatchBytes(max)))
                .allMatch(c -> c.body()[0] == '[' && c.body().length <= max);
    }

    // ---- logs ---------------------------------------------------------------------------------

    @Test
    void arrowLogsAskForArrowAndDecodeEachPageByContentTypeOrSniffing() throws Exception {
        client = WallarooTestServer.client(server, time);
        String page1 = "[{\"time\":2,\"in\":{\"x\":[2.0]},\"out\":{\"y\":[2.5]},\"anomaly\":{\"count\":0}},"
                + "{\"time\":1,\"in\":{\"x\":[1.0]},\"out\":{\"y\":[1.5]},\"anomaly\":{\"count\":0}}]";
        String page2 = "[{\"time\":0,\"in\":{\"x\":[0.0]},\"out\":{\"y\":[0.5]},\"anomaly\":{\"count\":1}}]";
        server.enqueue(arrow(200, arrowAnswer(page1), ARROW).newBuilder()
                .setHeader("x-iteration-cursor", "c1").setHeader("x-iteration-status", "RecordLimited").build());
        server.enqueue(arrow(200, arrowAnswer(page2), "application/octet-stream").newBuilder()
                .setHeader("x-iteration-status", "All").build());
        List<LogPage> pages = new ArrayList<>();
        client.pipelines().logs(5, "p", 2, InferenceFormat.ARROW).forEach(pages::add);

        assertThat(pages).hasSize(2);
        assertThat(pages.get(0).cursor()).isEqualTo("c1");
        assertThat(pages.get(0).status()).isEqualTo("RecordLimited");
        assertThat(pages.get(1).cursor()).isNull();
        assertThat(pages.get(1).status()).isEqualTo("All");
        Table first = pages.get(0).records();
        assertThat(first.columnNames()).containsExactly("time", "in.x", "out.y", "anomaly.count");
        assertThat(first.column("time").type()).isEqualTo(ColumnType.TIMESTAMP);
        assertThat(first).isEqualTo(InferenceCodec.records(page1.getBytes(StandardCharsets.UTF_8)).table());
        assertThat(pages.get(1).records().tensor("out.y").toDoubleArray()).containsExactly(0.5);

        RecordedRequest req = server.takeRequest();
        assertThat(req.getHeaders().get("Accept")).isEqualTo(ARROW);
        assertThat(body(req).has("cursor")).isFalse();
        assertThat(body(server.takeRequest()).get("cursor").asText()).isEqualTo("c1");

        // The default stays pandas-records.
        server.enqueue(json(200, page2));
        assertThat(client.pipelines().logs(5, "p", 2).iterator().next().records().rowCount()).isEqualTo(1);
        assertThat(server.takeRequest().getHeaders().get("Accept")).isEqualTo(InferenceInput.PANDAS_RECORDS + ", application/json");
    }

    @Test
    void aServerThatRefusesArrowLogsSaysToAskForPandasRecords() {
        client = WallarooTestServer.client(server, time);
        server.enqueue(json(406, "{\"msg\":\"Not Acceptable\",\"code\":406}"));
        assertThatThrownBy(() -> client.pipelines().logs(5, "p", 2, InferenceFormat.ARROW).iterator().hasNext())
                .isInstanceOf(UnsupportedByServerException.class)
                .hasMessageContaining("InferenceFormat.PANDAS_RECORDS");
    }

    // ---- saved answers ------------------------------------------------------------------------

    @Test
    void aSavedArrowAnswerReadsByItsMagicAndWritesBackAsArrow() {
        byte[] saved = arrowAnswer(NESTED_ANSWER);
        InferenceResult r = InferenceResult.read(saved);
        assertThat(r.format()).isEqualTo(InferenceResult.Format.ARROW);
        assertThat(r.table()).isEqualTo(InferenceResult.read(NESTED_ANSWER.getBytes(StandardCharsets.UTF_8)).table());

        byte[] written = r.toBytes();
        assertThat(new String(written, 0, 6, StandardCharsets.US_ASCII)).isEqualTo("ARROW1");
        assertThat(FakeArrowProvider.decode(written).columnNames()).isEqualTo(r.table().columnNames());
        InferenceResult again = InferenceResult.read(written);
        assertThat(again).isEqualTo(r);
        assertThat(InferenceResult.read(new java.io.ByteArrayInputStream(written))).isEqualTo(r);
    }

    /** What a pipeline computing the sum of each row answers, nested pandas-records. */
    private static ArrayNode echo(JsonNode records) {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        for (JsonNode rec : records) {
            ObjectNode o = out.addObject();
            o.put("time", 1752682622795L);
            o.putObject("in").set("text_input", rec.get("text_input"));
            long s = 0;
            for (JsonNode v : rec.get("text_input")) {
                s += v.asLong();
            }
            o.putObject("out").putArray("sum").add((double) s);
            o.putObject("anomaly").put("count", 0);
        }
        return out;
    }
}

package io.infer4j.benchmarks;

import io.infer4j.table.Table;
import io.infer4j.table.codec.PandasRecords;
import io.infer4j.table.codec.TensorJson;
import io.infer4j.testkit.LocalPlatform;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Inputs and answers of the inference benchmarks: the recorded tensor files {@code data-1.json},
 * {@code data-1k.json} and {@code data-25k.json} (found next to the 25k file that {@link Datasets}
 * locates; in a clone without {@code ../shared} the first 1 and 1,000 rows of the generated 25k
 * data), and the answer the {@link LocalPlatform}'s Aloha pipeline gives to each, computed once so
 * that a {@link FixedResponseServer} can replay it without running a model. For the Arrow
 * benchmarks ({@link ArrowInferBenchmark}) also the same rows as a table and the Aloha pipeline's
 * current-API answers to them: pandas-records JSON and an Arrow IPC file.
 */
public final class InferenceData {
    /** data-1.json: 1 row. */
    public static final String ONE = "data-1";
    /** data-1k.json: 1,000 rows. */
    public static final String ONE_K = "data-1k";
    /** data-25k.json: 24,954 rows. */
    public static final String TWENTY_FIVE_K = Datasets.TENSOR_25K;
    /** The media type of tensor JSON. */
    public static final MediaType JSON = MediaType.get("application/json");

    private static final Map<String, byte[]> INPUTS = new ConcurrentHashMap<>();
    /** The media type of pandas-records JSON, as the SDK sends it. */
    public static final MediaType PANDAS_RECORDS = MediaType.get("application/json; format=pandas-records");

    private static final Map<String, byte[]> ANSWERS = new ConcurrentHashMap<>();
    private static final Map<String, byte[]> RECORDS_ANSWERS = new ConcurrentHashMap<>();
    private static final Map<String, byte[]> ARROW_ANSWERS = new ConcurrentHashMap<>();
    private static final Map<String, Table> TABLES = new ConcurrentHashMap<>();

    private InferenceData() {
    }

    /** The request body of a dataset. */
    public static byte[] input(String name) {
        return INPUTS.computeIfAbsent(name, InferenceData::loadInput);
    }

    /** The number of rows of a dataset. */
    public static int rows(String name) {
        return switch (name) {
            case ONE -> 1;
            case ONE_K -> 1000;
            case TWENTY_FIVE_K -> 24_954;
            default -> throw new IllegalArgumentException("unknown dataset " + name);
        };
    }

    /** Where the dataset came from. */
    public static String source(String name) {
        Path dir = recordedDir();
        return dir != null ? dir.resolve(name + ".json").toString() : "generated (same shape)";
    }

    /** What the LocalPlatform's Aloha pipeline answers to the dataset (legacy InferenceResult JSON). */
    public static byte[] answer(String name) {
        return ANSWERS.computeIfAbsent(name, n -> {
            try (LocalPlatform platform = LocalPlatform.start()) {
                return infer(platform.baseUrl() + "/pipelines/" + LocalPlatform.DEMO_PIPELINE, input(n));
            }
        });
    }

    /** The rows of a dataset as a table (one {@code text_input} tensor column of 50 int64 per row). */
    public static Table table(String name) {
        return TABLES.computeIfAbsent(name, n -> TensorJson.read(input(n)));
    }

    /** What the LocalPlatform's Aloha pipeline answers to the dataset's rows sent as pandas-records: pandas-records JSON. */
    public static byte[] recordsAnswer(String name) {
        return RECORDS_ANSWERS.computeIfAbsent(name, n -> answerTo(n, PANDAS_RECORDS + ", application/json"));
    }

    /** The same answer asked for as an Arrow IPC file ({@code Accept: application/vnd.apache.arrow.file}). */
    public static byte[] arrowAnswer(String name) {
        return ARROW_ANSWERS.computeIfAbsent(name, n -> answerTo(n, FixedResponseServer.ARROW_FILE));
    }

    private static byte[] answerTo(String name, String accept) {
        byte[] records = PandasRecords.toBytes(table(name));
        try (LocalPlatform platform = LocalPlatform.start()) {
            return infer(platform.baseUrl() + "/pipelines/" + LocalPlatform.DEMO_PIPELINE, records, PANDAS_RECORDS, accept);
        }
    }

    /** POSTs {@code body} as tensor JSON and returns the answer, failing on any non-2xx. */
    static byte[] infer(String url, byte[] body) {
        return infer(url, body, JSON, null);
    }

    /** POSTs {@code body} as {@code type}, accepting {@code accept} (null: no Accept), and returns the answer, failing on any non-2xx. */
    static byte[] infer(String url, byte[] body, MediaType type, String accept) {
        // The LocalPlatform takes a few seconds for 25k rows of pandas-records on a busy machine.
        OkHttpClient http = new OkHttpClient.Builder().readTimeout(java.time.Duration.ofMinutes(2)).build();
        Request.Builder request = new Request.Builder().url(url).post(RequestBody.create(body, type));
        if (accept != null) {
            request.header("Accept", accept);
        }
        try (Response r = http.newCall(request.build()).execute()) {
            if (!r.isSuccessful()) {
                throw new IllegalStateException("LocalPlatform answered " + r.code() + ": " + r.body().string());
            }
            return r.body().bytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        }
    }

    private static byte[] loadInput(String name) {
        rows(name); // rejects unknown names
        if (name.equals(TWENTY_FIVE_K)) {
            return Datasets.load(TWENTY_FIVE_K);
        }
        Path dir = recordedDir();
        try {
            if (dir != null) {
                return Files.readAllBytes(dir.resolve(name + ".json"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Table all = TensorJson.read(Datasets.load(TWENTY_FIVE_K));
        return TensorJson.toBytes(all.slice(0, rows(name)));
    }

    private static Path recordedDir() {
        String source = Datasets.source(TWENTY_FIVE_K);
        if (source.startsWith("generated")) {
            return null;
        }
        Path dir = Paths.get(source).getParent();
        return Files.isRegularFile(dir.resolve(ONE + ".json")) && Files.isRegularFile(dir.resolve(ONE_K + ".json")) ? dir : null;
    }
}

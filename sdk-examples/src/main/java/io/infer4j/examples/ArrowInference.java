package io.infer4j.examples;

import io.infer4j.arrow.ArrowTables;
import io.infer4j.core.Settings;
import io.infer4j.table.Table;
import io.infer4j.testkit.LocalPlatform;
import io.infer4j.wallaroo.InferOptions;
import io.infer4j.wallaroo.InferenceFormat;
import io.infer4j.wallaroo.InferenceInput;
import io.infer4j.wallaroo.InferenceResult;
import io.infer4j.wallaroo.InferenceTarget;
import io.infer4j.wallaroo.WallarooClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Wallaroo's Arrow tutorial in Java: send the Aloha model's {@code data_1k.arrow} to the pipeline
 * as an Arrow IPC file, get an Arrow answer back, print its head and the rows per second.
 *
 * <p>Needs sdk-arrow and the JVM flag {@code --add-opens=java.base/java.nio=ALL-UNNAMED} (this
 * project's {@code .mvn/jvm.config} has it for {@code -Drun}; see docs/arrow.md). Same server
 * choice as {@link Quickstart}: embedded unless {@code WALLAROO_URL} is set.
 *
 * <pre>mvn -B -q -pl sdk-examples -am verify -Drun=ArrowInference</pre>
 */
public final class ArrowInference {
    private static final int ROUNDS = 5;

    private ArrowInference() {
    }

    /** Sends the file, prints the answer's head, then times a few more calls. */
    public static void main(String[] args) {
        try (LocalPlatform local = Examples.platformUnless(Settings.WALLAROO_URL);
             WallarooClient wallaroo = local == null ? WallarooClient.fromEnv() : Examples.wallaroo(local)) {
            InferenceTarget pipeline = Examples.tutorialPipeline(wallaroo);

            byte[] arrowFile = arrowInput();
            Table input = ArrowTables.readFile(arrowFile);
            System.out.printf(Locale.ROOT, "Arrow file: %,d bytes, %d rows, columns %s%n", arrowFile.length,
                    input.rowCount(), input.columnNames());

            // The file goes as it is; the answer comes back as Arrow and decodes into the same
            // InferenceResult a pandas-records answer gives.
            InferOptions arrow = InferOptions.builder().format(InferenceFormat.ARROW).build();
            InferenceResult result = wallaroo.pipelines().infer(pipeline, InferenceInput.raw(arrowFile, InferenceInput.ARROW_FILE), arrow);
            System.out.println("answer format: " + result.format() + ", " + result.rowCount() + " rows");
            List<String> shown = result.table().columnNames().stream().filter(c -> c.startsWith("out.")).limit(4).toList();
            System.out.println(result.table().select(shown.toArray(String[]::new)).head(5));
            System.out.println();

            // Against the embedded platform this includes its own work (it runs the model on JSON
            // records inside this JVM); docs/performance.md compares the formats on the client alone.
            System.out.printf(Locale.ROOT, "Arrow both ways: %,.0f rows/s (%d calls of %d rows each)%n",
                    rowsPerSecond(wallaroo, pipeline, input, arrow), ROUNDS, input.rowCount());
        }
    }

    private static double rowsPerSecond(WallarooClient wallaroo, InferenceTarget pipeline, Table input, InferOptions options) {
        wallaroo.pipelines().infer(pipeline, input, options); // warm-up
        long start = System.nanoTime();
        long rows = 0;
        for (int i = 0; i < ROUNDS; i++) {
            rows += wallaroo.pipelines().infer(pipeline, input, options).rowCount();
        }
        return rows * 1e9 / Math.max(1, System.nanoTime() - start);
    }

    /** Wallaroo's {@code data_1k.arrow} from ../shared when it is there, else generated rows of its shape written as Arrow. */
    private static byte[] arrowInput() {
        Optional<Path> file = Examples.sharedFile("wallaroo/inputs/arrow/data_1k.arrow");
        if (file.isPresent()) {
            System.out.println("input: " + file.get());
            try {
                return Files.readAllBytes(file.get());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        System.out.println("input: data_1k.arrow not found (no ../shared beside this clone); generated 1000 rows of the same shape");
        return ArrowTables.toFile(Examples.generatedTextInput(1000));
    }
}

package io.infer4j.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.infer4j.arrow.ArrowTables;
import io.infer4j.core.Setting;
import io.infer4j.core.Settings;
import io.infer4j.table.Table;
import io.infer4j.table.codec.TensorJson;
import io.infer4j.testkit.internal.BuiltinModels;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs every example's {@code main} in this JVM against the embedded platform, as
 * {@code -Drun=<Name>} does, and checks what it printed against values recomputed here from the
 * platform's built-in models, so a wrong row, a lost row or a skipped step fails the test.
 */
class ExamplesTest {

    @BeforeAll
    static void noServerConfigured() {
        // With a real server configured the examples would go there; these checks are for the embedded one.
        // The surefire configuration points INFER4J_CONFIG_FILE at an empty file, so a profile in the
        // developer's home cannot send these runs to a real server.
        for (Setting url : List.of(Settings.WALLAROO_URL, Settings.OMEGA_URL, Settings.MODEL_URL)) {
            assumeTrue(Examples.setting(url) == null, url + " is set");
        }
    }

    @Test
    void quickstartInfersTheThousandRowsAndPrintsTheirScores() throws Exception {
        String out = run(Quickstart::main);

        assertThat(out).contains("using the embedded LocalPlatform", "[token] obtained an access token")
                .containsPattern("workspaces: \\[.*urldemoworkspace.*]")
                .containsPattern("external inference URL of urldemopipeline: http://127\\.0\\.0\\.1:\\d+/\\S+/urldemopipeline")
                .contains("inferred 1000 rows in ", "[5 rows x 4 columns]");
        // The printed head holds the model's real answer for the first input row.
        double[] first = input("data-1k.json", 1000).tensor("text_input").getTensor(0).toDoubleArray();
        float[] expected = BuiltinModels.aloha(first);
        assertThat(out).containsPattern("(?m)^0\\s+\\[" + Pattern.quote(Float.toString(expected[0])) + "]\\s+\\["
                + Pattern.quote(Float.toString(expected[1])) + "]");
    }

    @Test
    void arrowInferenceSendsTheArrowFileAndDecodesTheArrowAnswer() throws Exception {
        String out = run(ArrowInference::main);

        assertThat(out).contains("Arrow file: ", "1000 rows, columns [text_input]", "answer format: ARROW, 1000 rows",
                "[5 rows x 4 columns]").containsPattern("Arrow both ways: [\\d,]+ rows/s \\(5 calls of 1000 rows each\\)");
        // The head holds the model's answer for the Arrow file's first row.
        Table input = Examples.sharedFile("wallaroo/inputs/arrow/data_1k.arrow").map(ArrowTables::readFile)
                .orElseGet(() -> Examples.generatedTextInput(1000));
        float[] expected = BuiltinModels.aloha(input.tensor("text_input").getTensor(0).toDoubleArray());
        assertThat(out).containsPattern("(?m)^0\\s+\\[" + Pattern.quote(Float.toString(expected[0])) + "]\\s+\\["
                + Pattern.quote(Float.toString(expected[1])) + "]");
    }

    @Test
    void omegaQuickstartFitsPredictsAndAwaitsTheTask() throws Exception {
        String out = run(OmegaQuickstart::main);

        // The server-side filter x >= 15 returns exactly the last five rows, labelled 15..19.
        assertThat(out).containsPattern("(?m)^15\\s+15$").containsPattern("(?m)^19\\s+19$")
                .contains("[5 rows x 1 columns]", "predict (sync): 20 values in ")
                .containsPattern("predict \\(async\\): task [0-9a-f-]+ is PENDING");
        Matcher last = Pattern.compile("finished after \\d+ ms with 20 values, last (\\S+)").matcher(out);
        assertThat(last.find()).as("async result line in:%n%s", out).isTrue();
        assertThat(Double.parseDouble(last.group(1))).isCloseTo(2 * 19 + 1, within(1e-9));
    }

    @Test
    void batchInferenceScoresEveryRowWithAProgressBar() throws Exception {
        String out = run(BatchInference::main);

        assertThat(out).contains("\r[########################################] 100%  24,954/24,954 rows  chunk 25/25")
                .contains("24954 of 24954 rows inferred in 25 chunks, 0 failed", "rows/s", "[24954 rows x 3 columns]");
        // Rows keep their order across chunks: the last row's score is the last input row's.
        double[] lastRow = input("data-25k.json", 24_954).tensor("text_input").getTensor(24_953).toDoubleArray();
        assertThat(out).containsPattern("(?m)^24953\\s+\\[" + Pattern.quote(Float.toString(BuiltinModels.aloha(lastRow)[0])) + "]");
    }

    @Test
    void securedEndpointUploadsWithAClientCredentialsTokenAndSurvivesExpiry() throws Exception {
        String out = run(SecuredEndpoint::main);

        byte[] sent = "Grüße aus infer4j: a file for the model\n".getBytes(StandardCharsets.UTF_8);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(sent));
        assertThat(out).contains("[token] obtained an access token", "GET /health: 200 {\"status\":\"OK\"} (healthy)",
                "\"filename\" : \"review.txt\"", "\"size\" : " + sent.length, "\"sha256\" : \"" + sha + "\"",
                "[token] the server rejected the access token (401); renewing it", "[token] renewed the access token",
                "POST /upload still answered: size " + sent.length);
    }

    @Test
    void csvEndpointJoinsOneScorePerRow() throws Exception {
        String out = run(CsvEndpoint::main);

        assertThat(out).contains("POST text/csv:\n-0.5,0.3,0.2,-0.4\r\n", "6 predictions in ", "[6 rows x 5 columns]");
        float highest = BuiltinModels.fraud(new double[] {-3.1, 2.2, -1.9, 3.4});
        assertThat(out).containsPattern("(?m)^1\\s+-3\\.1\\s+2\\.2\\s+-1\\.9\\s+3\\.4\\s+" + Pattern.quote(Float.toString(highest)) + "$");
    }

    /** The examples' input, recomputed here the way they obtain it. */
    private static Table input(String file, int rows) throws Exception {
        var shared = Examples.sharedFile("wallaroo/inputs/tensor/" + file);
        return shared.isPresent() ? TensorJson.read(Files.readAllBytes(shared.get())) : Examples.generatedTextInput(rows);
    }

    interface Main {
        void run(String[] args) throws Exception;
    }

    /**
     * Runs a main with System.out captured, then checks that it left no non-daemon thread behind:
     * under {@code exec:java} or {@code java -cp} such a thread would keep the JVM from exiting.
     */
    private static String run(Main main) throws Exception {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            main.run(new String[0]);
        } finally {
            System.setOut(original);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        List<Thread> left = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !before.contains(t) && !t.isDaemon()).collect(Collectors.toList());
        for (Thread t : left) {
            t.join(5_000); // pools wind down asynchronously after close()
        }
        assertThat(left.stream().filter(Thread::isAlive).map(Thread::getName)).as("non-daemon threads left running").isEmpty();
        return out;
    }
}

package io.infer4j.examples;

import com.fasterxml.jackson.databind.JsonNode;
import io.infer4j.core.Settings;
import io.infer4j.core.auth.AuthHeaders;
import io.infer4j.core.auth.AuthProvider;
import io.infer4j.endpoint.ModelEndpoint;
import io.infer4j.table.Column;
import io.infer4j.table.Table;
import io.infer4j.table.codec.Csv;
import io.infer4j.table.codec.CsvOptions;
import io.infer4j.testkit.LocalPlatform;
import java.nio.charset.StandardCharsets;

/**
 * A model behind an API gateway that takes {@code text/csv}, as a SageMaker endpoint fronted by
 * API Gateway and a Lambda does: the rows go out as CSV, the predictions come back as JSON, one
 * per row, and are joined back onto the table.
 *
 * <p>Runs against the embedded {@code LocalPlatform}, or against your gateway when
 * {@code MODEL_URL} is set (with {@code MODEL_API_KEY}, sent as {@code x-api-key}), through
 * {@code ModelEndpoint.fromEnv()}. To keep this gateway and the {@code SecuredEndpoint} service
 * side by side, give each a profile in {@code ~/.infer4j/config.properties} and choose with
 * {@code INFER4J_PROFILE} (docs/configuration.md).
 *
 * <pre>mvn -B -q -pl sdk-examples -am verify -Drun=CsvEndpoint</pre>
 */
public final class CsvEndpoint {
    private CsvEndpoint() {
    }

    /** Sends the transactions and prints them with their scores. */
    public static void main(String[] args) {
        try (LocalPlatform local = Examples.platformUnless(Settings.MODEL_URL)) {
            // Card transactions as the model sees them: standardised, anonymised features (V1..V4).
            Table transactions = Table.builder()
                    .addFloat64("V1", -0.5, -3.1, 0.8, -1.6, 1.4, -2.4)
                    .addFloat64("V2", 0.3, 2.2, -0.2, 1.1, -0.9, 1.8)
                    .addFloat64("V3", 0.2, -1.9, 0.5, -0.7, 1.2, -2.6)
                    .addFloat64("V4", -0.4, 3.4, 0.1, 1.9, -1.1, 2.2)
                    .build();
            // Gateways in front of SageMaker usually take bare rows, so no header line.
            String csv = new String(Csv.toBytes(transactions, CsvOptions.defaults().withHeader(false)), StandardCharsets.UTF_8);
            System.out.print("POST text/csv:\n" + csv);

            try (ModelEndpoint gateway = local == null ? ModelEndpoint.fromEnv() : localGateway(local)) {
                long start = System.nanoTime();
                JsonNode answer = gateway.postCsv("", csv);
                System.out.printf("%n%d predictions in %d ms%n", answer.path("predictions").size(), Examples.millisSince(start));

                double[] scores = new double[transactions.rowCount()];
                for (int i = 0; i < scores.length; i++) {
                    scores[i] = answer.path("predictions").path(i).asDouble(Double.NaN);
                }
                System.out.println(transactions.withColumn(Column.float64("fraud_score", scores)));
            }
        }
    }

    /**
     * The embedded gateway. API Gateway wants its key in {@code x-api-key}, which is what
     * {@code fromEnv()} sends {@code MODEL_API_KEY} in; any AuthProvider can supply a header like that.
     */
    private static ModelEndpoint localGateway(LocalPlatform local) {
        AuthProvider gatewayKey = () -> AuthHeaders.of("x-api-key", local.apiKey());
        return ModelEndpoint.builder().baseUrl(local.csvEndpointUrl()).auth(gatewayKey).build();
    }
}

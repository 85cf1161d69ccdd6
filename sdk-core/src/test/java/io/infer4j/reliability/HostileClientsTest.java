package io.infer4j.reliability;

import io.infer4j.core.RetryPolicy;
import io.infer4j.core.auth.ApiKeyAuth;
import io.infer4j.core.auth.BearerTokenAuth;
import io.infer4j.omegaml.Edition;
import io.infer4j.omegaml.OmegaClient;
import io.infer4j.omegaml.model.ModelInput;
import io.infer4j.table.Table;
import io.infer4j.table.codec.Csv;
import io.infer4j.table.codec.OmegaDataset;
import io.infer4j.table.codec.PandasRecords;
import io.infer4j.table.codec.PandasSplit;
import io.infer4j.table.codec.TensorJson;
import io.infer4j.testsupport.CannedHttp;
import io.infer4j.testsupport.HostileBodies;
import io.infer4j.wallaroo.InferenceResult;
import io.infer4j.wallaroo.InferenceTarget;
import io.infer4j.wallaroo.WallarooClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The hostile corpus against every table decoder and every typed client call that decodes a
 * body: only infer4j's typed exceptions may come out.
 */
class HostileClientsTest {
    static final List<HostileBodies.Body> CORPUS = HostileBodies.corpus();

    @Test
    void everyTableDecoder() {
        for (HostileBodies.Body b : CORPUS) {
            byte[] x = b.bytes();
            HostileBodiesTest.expectTypedOrValue(b, () -> PandasRecords.read(x));
            HostileBodiesTest.expectTypedOrValue(b, () -> PandasSplit.read(x));
            HostileBodiesTest.expectTypedOrValue(b, () -> OmegaDataset.read(x));
            HostileBodiesTest.expectTypedOrValue(b, () -> TensorJson.read(x));
            HostileBodiesTest.expectTypedOrValue(b, () -> InferenceResult.read(x));
            HostileBodiesTest.expectTypedOrValue(b, () -> Csv.read(x));
        }
    }

    @Test
    void everyTypedClient() {
        AtomicInteger current = new AtomicInteger();
        AtomicInteger status = new AtomicInteger(200);
        okhttp3.OkHttpClient canned = CannedHttp.client(request -> new CannedHttp.Answer(status.get(), "application/json",
                CORPUS.get(current.get()).bytes()));
        Table oneRow = Table.builder().addTensor("tensor", new double[] {1, 2, 3}).build();
        try (WallarooClient wallaroo = WallarooClient.builder().apiUrl("http://hostile.invalid").httpClient(canned)
                .auth(BearerTokenAuth.of("t")).retryPolicy(RetryPolicy.NONE).build();
             OmegaClient omega = OmegaClient.builder().baseUrl("http://hostile.invalid").httpClient(canned)
                     .auth(ApiKeyAuth.of("u", "k")).edition(Edition.COMMERCIAL).retryPolicy(RetryPolicy.NONE).build()) {
            List<Runnable> calls = List.of(
                    () -> wallaroo.workspaces().list(),
                    () -> wallaroo.workspaces().listUsers(1),
                    () -> wallaroo.workspaces().create("w"),
                    () -> wallaroo.pipelines().list(),
                    () -> wallaroo.pipelines().versions(1, "p"),
                    () -> wallaroo.pipelines().create(1, "p"),
                    () -> wallaroo.pipelines().status("p-1"),
                    () -> wallaroo.pipelines().infer(InferenceTarget.url("http://hostile.invalid/infer"), oneRow),
                    () -> wallaroo.pipelines().logs(1, "p", 10).forEach(page -> page.records()),
                    () -> wallaroo.externalUrls().external(1, "p" + current.get()),
                    () -> wallaroo.models().list(1),
                    () -> wallaroo.models().get(1),
                    () -> wallaroo.models().versions("m", 1),
                    () -> wallaroo.models().version(1),
                    () -> wallaroo.models().configByVersionId(1),
                    () -> wallaroo.tasks().get("t"),
                    () -> wallaroo.tasks().list(1),
                    () -> wallaroo.tasks().runs("t"),
                    () -> wallaroo.tasks().runLogs("r"),
                    () -> wallaroo.tasks().handle("t").await(Duration.ZERO),
                    () -> wallaroo.orchestrations().list(1),
                    () -> omega.ping(),
                    () -> omega.datasets().get("d"),
                    () -> omega.datasets().list(10, 0),
                    () -> omega.models().metadata("m"),
                    () -> omega.models().predict("m", ModelInput.datasets("x")).asTable(),
                    () -> omega.models().predict("m", ModelInput.datasets("x")).asDoubles(),
                    () -> omega.tasks().status("t"),
                    () -> omega.tasks().model("t", "/api/v1/model/m/predict").await(Duration.ZERO),
                    () -> omega.jobs().get("j"),
                    () -> omega.jobs().list(10, 0));
            for (int i = 0; i < CORPUS.size(); i++) {
                current.set(i);
                for (int code : new int[] {200, 400, 503}) {
                    status.set(code);
                    for (Runnable call : calls) {
                        HostileBodiesTest.expectTypedOrValue(CORPUS.get(i), call);
                    }
                }
            }
        }
    }
}

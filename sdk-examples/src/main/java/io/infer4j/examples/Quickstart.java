package io.infer4j.examples;

import io.infer4j.core.Settings;
import io.infer4j.table.Table;
import io.infer4j.testkit.LocalPlatform;
import io.infer4j.wallaroo.InferenceResult;
import io.infer4j.wallaroo.InferenceTarget;
import io.infer4j.wallaroo.WallarooClient;
import io.infer4j.wallaroo.model.Workspace;
import java.net.URI;
import java.util.List;

/**
 * Wallaroo's external-URL tutorial in Java: log in, find the workspace, look up the pipeline's
 * external inference URL and send it the 1,000 rows of {@code data-1k.json}.
 *
 * <p>Runs against the embedded {@code LocalPlatform}, or against a real Wallaroo when
 * {@code WALLAROO_URL} is set (plus {@code WALLAROO_USER}/{@code WALLAROO_PASSWORD}, or
 * {@code WALLAROO_TOKEN}; see docs/wallaroo.md). The real instance needs the tutorial's
 * {@code urldemoworkspace} with {@code urldemopipeline} deployed.
 *
 * <pre>mvn -B -q -pl sdk-examples -am verify -Drun=Quickstart</pre>
 */
public final class Quickstart {
    static final String WORKSPACE = "urldemoworkspace";
    static final String PIPELINE = "urldemopipeline";

    private Quickstart() {
    }

    /** Runs the tutorial and prints what came back. */
    public static void main(String[] args) {
        // A null platform (real server configured) is simply skipped by try-with-resources.
        try (LocalPlatform local = Examples.platformUnless(Settings.WALLAROO_URL);
             WallarooClient wallaroo = local == null ? WallarooClient.fromEnv() : Examples.wallaroo(local)) {

            // The first call logs in; the token is then reused (and renewed) for every call after it.
            List<Workspace> workspaces = wallaroo.workspaces().list();
            System.out.println("workspaces: " + workspaces.stream().map(Workspace::name).toList());
            Workspace workspace = workspaces.stream().filter(w -> w.name().equals(WORKSPACE)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no workspace named " + WORKSPACE));

            // The external URL is what a client outside the cluster (this program) must call.
            URI url = wallaroo.externalUrls().external(workspace.id(), PIPELINE);
            System.out.println("external inference URL of " + PIPELINE + ": " + url);

            Table input = Examples.textInput("data-1k.json", 1000);
            long start = System.nanoTime();
            InferenceResult result = wallaroo.pipelines().infer(InferenceTarget.url(url), input);
            System.out.printf("inferred %d rows in %d ms%n%n", result.rowCount(), Examples.millisSince(start));

            // Only the first few model outputs, so the table fits a terminal.
            Table table = result.table();
            List<String> shown = table.columnNames().stream().filter(c -> c.startsWith("out.")).limit(4).toList();
            System.out.println(table.select(shown.toArray(String[]::new)).head(5));
        }
    }
}

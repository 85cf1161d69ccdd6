package io.infer4j.modulepathcheck;

import io.infer4j.arrow.ArrowTables;
import io.infer4j.auth.keycloak.KeycloakTokenProvider;
import io.infer4j.table.Table;
import io.infer4j.testkit.LocalPlatform;
import io.infer4j.wallaroo.InferOptions;
import io.infer4j.wallaroo.InferenceFormat;
import io.infer4j.wallaroo.InferenceResult;
import io.infer4j.wallaroo.InferenceTarget;
import io.infer4j.wallaroo.WallarooAuthFactory;
import io.infer4j.wallaroo.WallarooClient;
import io.infer4j.wallaroo.model.Workspace;
import java.lang.module.ModuleDescriptor;
import java.net.URI;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The quickstart, run as a named module on the module path: start the testkit's platform, log in
 * to Wallaroo with a user and password (the Keycloak login is found as a service of sdk-auth),
 * list the workspaces, look up the pipeline's external URL and send it a small table.
 *
 * <p>It first checks that it really runs on the module path (every infer4j class in a named
 * module of the boot layer) and that core's internal packages are closed to it. Each check
 * throws, so the JVM exits non-zero and the build fails.
 */
public final class ModulePathCheck {
    private ModulePathCheck() {
    }

    /** Runs the checks and the quickstart; any failure is an exception. */
    public static void main(String[] args) throws Exception {
        Module self = ModulePathCheck.class.getModule();
        Module core = WallarooClient.class.getModule();
        Module auth = KeycloakTokenProvider.class.getModule();
        Module testkit = LocalPlatform.class.getModule();
        check(self, "io.infer4j.modulepathcheck");
        check(core, "io.infer4j.core");
        check(auth, "io.infer4j.auth");
        check(testkit, "io.infer4j.testkit");
        Module arrow = ArrowTables.class.getModule();
        check(arrow, "io.infer4j.arrow");
        System.out.println("module-path check: boot layer holds " + ModuleLayer.boot().modules().stream()
                .map(Module::getName).filter(n -> n.startsWith("io.infer4j.") || n.equals("okhttp3")
                        || n.startsWith("com.fasterxml") || n.startsWith("com.nimbusds"))
                .collect(Collectors.toCollection(TreeSet::new)));

        // core.internal is exported to sdk-auth and the testkit, not to applications.
        require(core.isExported("io.infer4j.wallaroo", self), "io.infer4j.wallaroo is not exported");
        require(!core.isExported("io.infer4j.core.internal", self), "io.infer4j.core.internal is exported to applications");
        require(core.isExported("io.infer4j.core.internal", auth), "io.infer4j.core.internal is not exported to sdk-auth");
        try {
            Class.forName("io.infer4j.core.internal.Json").getMethod("mapper").invoke(null);
            throw new IllegalStateException("an application could call io.infer4j.core.internal.Json reflectively");
        } catch (IllegalAccessException expected) {
            System.out.println("module-path check: io.infer4j.core.internal is closed to applications ("
                    + expected.getClass().getSimpleName() + ")");
        }
        require(arrow.getDescriptor().provides().stream().map(ModuleDescriptor.Provides::service)
                .anyMatch("io.infer4j.table.spi.TableFormatProvider"::equals), "sdk-arrow does not provide a TableFormatProvider");
        require(auth.getDescriptor().provides().stream().map(ModuleDescriptor.Provides::service)
                .anyMatch(WallarooAuthFactory.class.getName()::equals), "sdk-auth does not provide a WallarooAuthFactory");

        try (LocalPlatform platform = LocalPlatform.start();
             WallarooClient wallaroo = WallarooClient.builder().apiUrl(platform.wallarooUrl())
                     .login(platform.user(), platform.password()).build()) {
            List<Workspace> workspaces = wallaroo.workspaces().list();
            require(platform.tokenRequests() > 0, "the client did not log in through Keycloak");
            System.out.println("module-path check: logged in through sdk-auth's service; workspaces "
                    + workspaces.stream().map(Workspace::name).toList());
            Workspace workspace = workspaces.stream().filter(w -> w.name().equals(LocalPlatform.DEMO_WORKSPACE)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no workspace " + LocalPlatform.DEMO_WORKSPACE));

            URI url = wallaroo.externalUrls().external(workspace.id(), LocalPlatform.DEMO_PIPELINE);
            System.out.println("module-path check: external URL of " + LocalPlatform.DEMO_PIPELINE + ": " + url);

            var result = wallaroo.pipelines().infer(InferenceTarget.url(url), textInput(3));
            require(result.rowCount() == 3, "expected 3 rows back, got " + result.rowCount());
            Table table = result.table();
            List<String> outputs = table.columnNames().stream().filter(c -> c.startsWith("out.")).limit(2).toList();
            require(!outputs.isEmpty(), "no out.* columns in " + table.columnNames());
            System.out.println(table.select(outputs.toArray(String[]::new)).head(3));

            // Arrow both ways: core and the testkit find sdk-arrow's format through the module graph.
            var arrowResult = wallaroo.pipelines().infer(InferenceTarget.url(url), textInput(3),
                    InferOptions.builder().format(InferenceFormat.ARROW).build());
            require(arrowResult.format() == InferenceResult.Format.ARROW, "the Arrow request got a " + arrowResult.format() + " answer");
            require(arrowResult.outputs().equals(result.outputs()), "the Arrow answer's outputs differ from the pandas-records ones");
            require(ArrowTables.readFile(ArrowTables.toFile(table)).equals(table), "ArrowTables round trip changed the table");
            System.out.println("module-path check: Arrow inference through sdk-arrow's service: " + arrowResult.rowCount() + " rows");
        }
        System.out.println("module-path check: OK");
    }

    /** Three rows shaped like the Aloha tutorial's text_input: 50 token ids, left-padded with zeros. */
    private static Table textInput(int rows) {
        long[][] values = new long[rows][50];
        for (int r = 0; r < rows; r++) {
            for (int i = 40; i < 50; i++) {
                values[r][i] = 10 + (r * 7 + i) % 30;
            }
        }
        return Table.builder().addTensor("text_input", values).build();
    }

    private static void check(Module m, String name) {
        require(m.isNamed() && m.getName().equals(name) && m.getLayer() == ModuleLayer.boot(),
                "expected the named module " + name + " in the boot layer, got " + m + " (is it on the class path?)");
    }

    private static void require(boolean ok, String failure) {
        if (!ok) {
            throw new IllegalStateException("module-path check failed: " + failure);
        }
    }
}

package io.infer4j.auth.keycloak;

import io.infer4j.testsupport.FakeTime;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.stream.Stream;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTokenStoreTest {
    @TempDir
    Path dir;
    @StartStop
    private final MockWebServer server = new MockWebServer();

    private final Instant t0 = Instant.parse("2026-01-01T10:00:00Z");

    @Test
    void roundTripsEveryField() {
        FileTokenStore store = FileTokenStore.of(dir.resolve("tokens.json"));
        TokenSet full = new TokenSet("access", t0, t0.plusSeconds(300), "refresh", t0.plusSeconds(1800));
        TokenSet noRefresh = new TokenSet("access2", t0, t0.plusSeconds(60), null, null);
        store.save("a", full);
        store.save("b", noRefresh);

        FileTokenStore other = FileTokenStore.of(dir.resolve("tokens.json"));
        assertThat(other.load("a")).contains(full);
        assertThat(other.load("b")).contains(noRefresh);
        assertThat(other.load("c")).isEmpty();

        other.remove("a");
        assertThat(store.load("a")).isEmpty();
        assertThat(store.load("b")).contains(noRefresh);
    }

    @Test
    void writesOwnerOnlyAtomicallyAndLeavesNoTemporaryFiles() throws Exception {
        Path file = dir.resolve("sub/dir/tokens.json");
        FileTokenStore store = FileTokenStore.of(file);
        for (int i = 0; i < 5; i++) {
            store.save("k", new TokenSet("access-" + i, t0, t0.plusSeconds(300), "refresh", null));
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file);
        }
        assertThat(store.load("k").orElseThrow().accessToken()).isEqualTo("access-4");
    }

    @Test
    void aCorruptFileIsAnEmptyStoreAndIsReplacedOnTheNextWrite() throws Exception {
        Path file = dir.resolve("tokens.json");
        Files.writeString(file, "{\"sessions\":{\"k\":{\"access_token\":\"secret-tok");
        FileTokenStore store = FileTokenStore.of(file);
        assertThat(store.load("k")).isEmpty();
        store.save("k", new TokenSet("new", t0, t0.plusSeconds(60), null, null));
        assertThat(store.load("k").orElseThrow().accessToken()).isEqualTo("new");

        Files.writeString(file, "{\"sessions\":{\"k\":{\"access_token\":\"x\"}}}");
        assertThat(store.load("k")).isEmpty();
    }

    @Test
    void twoProvidersOnTheSameFileShareOneLogin() {
        FakeTime clock = new FakeTime(t0);
        server.enqueue(TestTokens.ok(t0, 300, 1800));
        KeycloakTokenProvider.Builder b = KeycloakTokenProvider.builder().tokenUrl(server.url("/token").toString())
                .clientId("sdk-client").password("john@example.com", "pw").clock(clock);

        String first = b.tokenStore(FileTokenStore.of(dir.resolve("shared.json"))).build().accessToken();
        // "another process": a new provider and a new store object on the same file
        String second = b.tokenStore(FileTokenStore.of(dir.resolve("shared.json"))).build().accessToken();

        assertThat(second).isEqualTo(first);
        assertThat(server.getRequestCount()).isEqualTo(1);
    }
}

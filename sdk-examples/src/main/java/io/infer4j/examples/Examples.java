package io.infer4j.examples;

import io.infer4j.auth.keycloak.KeycloakTokenProvider;
import io.infer4j.auth.keycloak.TokenSet;
import io.infer4j.auth.keycloak.TokenStore;
import io.infer4j.core.ConfigEnvironment;
import io.infer4j.core.Setting;
import io.infer4j.table.Table;
import io.infer4j.table.codec.TensorJson;
import io.infer4j.testkit.LocalPlatform;
import io.infer4j.wallaroo.InferenceTarget;
import io.infer4j.wallaroo.WallarooClient;
import io.infer4j.wallaroo.model.Workspace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.Random;

/**
 * What the examples share, kept out of the mains so each one reads as the scenario it shows:
 * choosing between a real server and the embedded platform, finding the tutorial's input files,
 * and making token events visible.
 */
final class Examples {
    private Examples() {
    }

    /**
     * The embedded platform, or {@code null} when {@code url} is set (as a system property, an
     * environment variable or in the profile file: the places the client's {@code fromEnv()}
     * looks) and points at a real server. {@code null} suits try-with-resources, which skips it.
     */
    static LocalPlatform platformUnless(Setting url) {
        String real = setting(url);
        if (real != null) {
            System.out.println(url.env() + " is set: using the real server at " + real);
            return null;
        }
        LocalPlatform platform = LocalPlatform.start();
        System.out.println(url.env() + " is not set: using the embedded LocalPlatform at " + platform.baseUrl());
        return platform;
    }

    /** The setting's value, looked up as {@code fromEnv()} does (property, environment, profile, default), or null. */
    static String setting(Setting setting) {
        return ConfigEnvironment.system().get(setting).orElse(null);
    }

    /** Like {@link #setting(Setting)}, but the example cannot go on without it. */
    static String required(Setting setting) {
        return ConfigEnvironment.system().require(setting);
    }

    /**
     * A Wallaroo client for the embedded platform that logs in the way the Wallaroo SDK does
     * (password grant, confidential {@code api-client}), with token events printed.
     */
    static WallarooClient wallaroo(LocalPlatform platform) {
        KeycloakTokenProvider login = KeycloakTokenProvider.builder()
                .tokenUrl(platform.tokenUrl())
                .clientId(platform.clientId()).clientSecret(platform.clientSecret())
                .password(platform.user(), platform.password())
                .tokenStore(announcingTokenStore())
                .build();
        return WallarooClient.builder().apiUrl(platform.wallarooUrl()).auth(login).build();
    }

    /**
     * A token store that prints each token the provider obtains. The provider saves every new
     * token set to its store, so this shows logins and refreshes without any hook in the SDK.
     * Only expiry times are printed, never the tokens.
     */
    static TokenStore announcingTokenStore() {
        TokenStore delegate = TokenStore.inMemory();
        return new TokenStore() {
            @Override
            public Optional<TokenSet> load(String key) {
                return delegate.load(key);
            }

            @Override
            public void save(String key, TokenSet tokens) {
                Optional<TokenSet> before = delegate.load(key);
                delegate.save(key, tokens);
                if (before.isPresent() && before.get().accessToken().equals(tokens.accessToken())) {
                    // Same token saved again, now marked expired: the API answered 401 to it.
                    System.out.println("  [token] the server rejected the access token (401); renewing it");
                    return;
                }
                System.out.printf("  [token] %s access token, valid for %d s (until %s)%n",
                        before.isPresent() ? "renewed the" : "obtained an", tokens.accessLifetime().toSeconds(),
                        LocalTime.ofInstant(tokens.accessExpiresAt(), ZoneId.systemDefault()).truncatedTo(ChronoUnit.SECONDS));
            }

            @Override
            public void remove(String key) {
                delegate.remove(key);
            }
        };
    }

    /**
     * The tutorial's {@code text_input} file (e.g. {@code data-1k.json}) from
     * {@code ../shared/contract} when it is there, else {@code generatedRows} rows of the same shape.
     */
    static Table textInput(String fileName, int generatedRows) {
        Optional<Path> file = sharedFile("wallaroo/inputs/tensor/" + fileName);
        if (file.isPresent()) {
            System.out.println("input: " + file.get());
            try {
                return TensorJson.read(Files.readAllBytes(file.get()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        System.out.println("input: " + fileName + " not found (no ../shared beside this clone); generated "
                + generatedRows + " rows of the same shape");
        return generatedTextInput(generatedRows);
    }

    /**
     * Rows shaped like the Aloha tutorial's: 50 ints, left-padded with zeros, then 5 to 20 token
     * ids. Seeded, so every run sends (and gets back) the same numbers.
     */
    static Table generatedTextInput(int rows) {
        Random random = new Random(50);
        long[][] values = new long[rows][50];
        for (long[] row : values) {
            for (int i = 50 - (5 + random.nextInt(16)); i < 50; i++) {
                row[i] = 10 + random.nextInt(30);
            }
        }
        return Table.builder().addTensor("text_input", values).build();
    }

    /**
     * A file under the contract folder, located like the tests do: the {@code infer4j.shared.dir}
     * system property (set by the {@code -Drun} profile), else a {@code shared} folder beside the
     * working directory or one of its parents.
     */
    static Optional<Path> sharedFile(String relative) {
        String prop = System.getProperty("infer4j.shared.dir");
        if (prop != null && Files.isRegularFile(Paths.get(prop, "contract", relative))) {
            return Optional.of(Paths.get(prop, "contract", relative).toAbsolutePath().normalize());
        }
        for (Path p = Paths.get("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolveSibling("shared").resolve("contract").resolve(relative);
            if (Files.isRegularFile(candidate)) {
                return Optional.of(candidate.normalize());
            }
        }
        return Optional.empty();
    }

    /** The tutorial's {@code urldemopipeline} in {@code urldemoworkspace}, as an inference target. */
    static InferenceTarget tutorialPipeline(WallarooClient wallaroo) {
        Workspace workspace = wallaroo.workspaces().findByName(Quickstart.WORKSPACE)
                .orElseThrow(() -> new IllegalStateException("no workspace named " + Quickstart.WORKSPACE));
        return InferenceTarget.pipeline(workspace.id(), Quickstart.PIPELINE);
    }

    /** Milliseconds since {@code startNanos}, for the timings the examples print. */
    static long millisSince(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos).toMillis();
    }
}

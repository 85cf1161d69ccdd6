package io.infer4j.auth.keycloak.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.infer4j.auth.keycloak.KeycloakTokenProvider;
import io.infer4j.core.internal.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * A real Keycloak for the integration tests: the official distribution that Maven unpacked into
 * {@code target/keycloak} ({@code infer4j.keycloak.home}), started in dev mode with an in-memory
 * database on 127.0.0.1 and a free port, under the legacy {@code /auth} path that Wallaroo uses, then
 * configured through the admin REST API. Every start is a clean server. If anything goes wrong the
 * start throws with the end of the server log: the tests fail, they never skip.
 *
 * <p>Configured realm {@code master}:
 * <ul>
 *   <li>{@code api-client}: confidential, secret {@link #CLIENT_SECRET} (with characters that need
 *       URL-encoding in HTTP Basic), password grant and service account; access token
 *       {@link #ACCESS_TOKEN_SECONDS} s, session idle {@link #API_CLIENT_IDLE_SECONDS} s;</li>
 *   <li>{@code sdk-client}: public, password grant; access token {@link #ACCESS_TOKEN_SECONDS} s,
 *       session idle only {@link #SDK_CLIENT_IDLE_SECONDS} s so refresh tokens really expire in a test;</li>
 *   <li>users {@link #USER} and {@link #LOGOUT_USER} (enabled) and {@link #DISABLED_USER}.</li>
 * </ul>
 * The short lifetimes are client attributes, so the admin's own {@code admin-cli} tokens keep 60 s.
 */
public final class KeycloakServer implements AutoCloseable {
    static final String CLIENT_ID = "api-client";
    static final String CLIENT_SECRET = "it+s3cr%t: &x";
    static final String PUBLIC_CLIENT_ID = "sdk-client";
    static final String USER = "john@example.com";
    static final String LOGOUT_USER = "lena@example.com";
    static final String DISABLED_USER = "dora@example.com";
    static final String PASSWORD = "john pass+word%1";
    static final int ACCESS_TOKEN_SECONDS = 3;
    static final int API_CLIENT_IDLE_SECONDS = 60;
    static final int SDK_CLIENT_IDLE_SECONDS = 5;

    private static final String ADMIN_USER = "admin";
    private static final String ADMIN_PASSWORD = "it-admin-password";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(240);
    private static final MediaType JSON = MediaType.get("application/json");

    private final Process process;
    private final List<ProcessHandle> processes;
    private final Path log;
    private final String baseUrl;
    private final OkHttpClient http = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(30)).build();
    private final Thread shutdownHook;
    private KeycloakTokenProvider admin;
    private final Duration startup;

    private KeycloakServer(Path home, Path work) throws IOException, InterruptedException {
        Path kcSh = home.resolve("bin/kc.sh");
        if (!Files.isExecutable(kcSh)) {
            throw new IllegalStateException("No Keycloak distribution at " + home + " (expected bin/kc.sh). Run the ITs through"
                    + " Maven (mvn -pl sdk-auth -am verify): it unpacks org.keycloak:keycloak-quarkus-dist into sdk-auth/target/keycloak.");
        }
        Files.createDirectories(work);
        int port = freePort();
        this.baseUrl = "http://127.0.0.1:" + port + "/auth";
        this.log = work.resolve("keycloak-" + port + ".log");
        ProcessBuilder pb = new ProcessBuilder(kcSh.toString(), "start-dev", "--http-host=127.0.0.1", "--http-port=" + port,
                "--db=dev-mem", "--http-relative-path=/auth")
                .redirectErrorStream(true).redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
        Map<String, String> env = pb.environment();
        env.put("JAVA_HOME", System.getProperty("java.home"));
        // An inherited JAVA_OPTS would replace all of kc.sh's JVM defaults (heap, GC, metaspace).
        env.remove("JAVA_OPTS");
        // Serial GC and C1 only: a faster start and about 100 MB less memory on a small machine.
        env.put("JAVA_OPTS_APPEND", "-XX:-UseG1GC -XX:+UseSerialGC -XX:TieredStopAtLevel=1");
        env.put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN_USER);
        env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
        long t0 = System.nanoTime();
        this.process = pb.start();
        this.processes = new java.util.concurrent.CopyOnWriteArrayList<>(List.of(process.toHandle()));
        this.shutdownHook = new Thread(this::stop, "keycloak-it-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        try {
            awaitReady(t0);
            this.startup = Duration.ofNanos(System.nanoTime() - t0);
            configure();
        } catch (RuntimeException | IOException | InterruptedException e) {
            close();
            throw new IllegalStateException("Keycloak did not start: " + e.getMessage() + "\n--- end of " + log + " ---\n" + logTail(), e);
        }
    }

    /** Starts and configures a server; fails loudly if it cannot. */
    static KeycloakServer start() {
        Path home = Path.of(requiredProperty("infer4j.keycloak.home"));
        Path work = Path.of(System.getProperty("infer4j.keycloak.work", home.getParent().resolve("run").toString()));
        try {
            return new KeycloakServer(home, work);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start Keycloak from " + home, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while starting Keycloak", e);
        }
    }

    private static String requiredProperty(String name) {
        String v = System.getProperty(name);
        if (v == null || v.isBlank()) {
            throw new IllegalStateException("System property " + name + " is not set: run the ITs through Maven failsafe"
                    + " (mvn -pl sdk-auth -am verify), which unpacks Keycloak and sets it");
        }
        return v;
    }

    /** {@code http://127.0.0.1:PORT/auth}. */
    String baseUrl() {
        return baseUrl;
    }

    /** The token URL of realm master. */
    String tokenUrl() {
        return baseUrl + "/realms/master/protocol/openid-connect/token";
    }

    /** How long the server took to become ready. */
    Duration startup() {
        return startup;
    }

    /** Status of {@code GET userinfo} with this access token: 200 when the server accepts it. */
    int userinfoStatus(String accessToken) {
        Request r = new Request.Builder().url(baseUrl + "/realms/master/protocol/openid-connect/userinfo")
                .header("Authorization", "Bearer " + accessToken).build();
        try (Response response = http.newCall(r).execute()) {
            return response.code();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Ends every session of {@code username} (admin "Sign out" of the user). */
    void logout(String username) {
        admin("POST", "/users/" + userId(username) + "/logout", null);
    }

    private String userId(String username) {
        JsonNode users = admin("GET", "/users?exact=true&username=" + URLEncoder.encode(username, StandardCharsets.UTF_8), null);
        if (users == null || users.size() != 1) {
            throw new IllegalStateException("user " + username + " not found");
        }
        return users.get(0).get("id").asText();
    }

    private void awaitReady(long t0) throws InterruptedException, IOException {
        Request realm = new Request.Builder().url(baseUrl + "/realms/master").build();
        while (System.nanoTime() - t0 < START_TIMEOUT.toNanos()) {
            if (!process.isAlive()) {
                throw new IllegalStateException("kc.sh exited with status " + process.exitValue() + " during start-up");
            }
            process.descendants().filter(h -> !processes.contains(h)).forEach(processes::add);
            try (Response r = http.newBuilder().callTimeout(Duration.ofSeconds(5)).build().newCall(realm).execute()) {
                if (r.code() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("not ready within " + START_TIMEOUT);
    }

    private void configure() {
        admin = KeycloakTokenProvider.builder().serverUrl(baseUrl).clientId("admin-cli").password(ADMIN_USER, ADMIN_PASSWORD).build();
        admin("POST", "/clients", Map.of("clientId", CLIENT_ID, "enabled", true, "protocol", "openid-connect",
                "publicClient", false, "clientAuthenticatorType", "client-secret", "secret", CLIENT_SECRET,
                "directAccessGrantsEnabled", true, "serviceAccountsEnabled", true, "standardFlowEnabled", false,
                "attributes", lifetimes(API_CLIENT_IDLE_SECONDS)));
        admin("POST", "/clients", Map.of("clientId", PUBLIC_CLIENT_ID, "enabled", true, "protocol", "openid-connect",
                "publicClient", true, "directAccessGrantsEnabled", true, "standardFlowEnabled", false,
                "attributes", lifetimes(SDK_CLIENT_IDLE_SECONDS)));
        for (String user : List.of(USER, LOGOUT_USER, DISABLED_USER)) {
            // Both names set, no required action, permanent password: else "Account is not fully set up".
            admin("POST", "/users", Map.of("username", user, "email", user, "emailVerified", true,
                    "enabled", !user.equals(DISABLED_USER), "firstName", "Test", "lastName", "User", "requiredActions", List.of(),
                    "credentials", List.of(Map.of("type", "password", "value", PASSWORD, "temporary", false))));
        }
    }

    private static Map<String, String> lifetimes(int idleSeconds) {
        return Map.of("access.token.lifespan", String.valueOf(ACCESS_TOKEN_SECONDS),
                "client.session.idle.timeout", String.valueOf(idleSeconds),
                "client.session.max.lifespan", "600");
    }

    private JsonNode admin(String method, String path, Object body) {
        Request.Builder r = new Request.Builder().url(baseUrl + "/admin/realms/master" + path)
                .header("Authorization", "Bearer " + admin.accessToken())
                .method(method, body == null ? (method.equals("POST") ? RequestBody.create(new byte[0]) : null)
                        : RequestBody.create(Json.write(body), JSON));
        try (Response response = http.newCall(r.build()).execute()) {
            byte[] bytes = response.body().bytes();
            if (!response.isSuccessful()) {
                throw new IllegalStateException("admin call " + method + " " + path + " failed: HTTP " + response.code()
                        + " " + new String(bytes, StandardCharsets.UTF_8));
            }
            return bytes.length == 0 ? null : Json.mapper().readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("admin call " + method + " " + path + " failed", e);
        }
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException | RuntimeException e) {
            return "(no log: " + e + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    private static java.io.File nullDevice() {
        return new java.io.File("/dev/null");
    }

    /** Stops the server: TERM to kc.sh (which forwards it to the JVM), KILL after 30 s; only processes this harness started. */
    private synchronized void stop() {
        process.descendants().filter(h -> !processes.contains(h)).forEach(processes::add);
        processes.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            for (ProcessHandle h : processes) {
                h.onExit().get(10, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            processes.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        }
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run
        }
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    @Override
    public String toString() {
        return "KeycloakServer[" + baseUrl + "]";
    }
}

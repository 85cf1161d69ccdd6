package io.infer4j.benchmarks;

import io.infer4j.auth.keycloak.KeycloakTokenProvider;
import io.infer4j.testkit.LocalPlatform;
import io.infer4j.wallaroo.InferenceInput;
import io.infer4j.wallaroo.InferenceTarget;
import io.infer4j.wallaroo.WallarooClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Token cost: 32 threads share one {@link WallarooClient} with a {@link KeycloakTokenProvider} and
 * call the LocalPlatform's external inference URL (which checks every JWT) for a run spanning
 * several short token lifetimes; prints the token-endpoint calls next to the lifetimes elapsed
 * and the count the provider's refresh rule predicts. Arguments (optional):
 * {@code lifetimeSeconds runSeconds threads}, default {@code 5 30 32}.
 */
public final class TokenCostRun {
    private TokenCostRun() {
    }

    /** Entry point. */
    public static void main(String[] args) throws Exception {
        int lifetime = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 32;
        byte[] body = InferenceData.input(InferenceData.ONE);
        try (LocalPlatform platform = LocalPlatform.builder().threads(threads)
                .accessTokenLifetime(Duration.ofSeconds(lifetime)).start();
             WallarooClient wallaroo = WallarooClient.builder().apiUrl(platform.wallarooUrl())
                     .auth(KeycloakTokenProvider.builder().tokenUrl(platform.tokenUrl()).clientId(platform.publicClientId())
                             .password(platform.user(), platform.password()).build()).build()) {
            InferenceTarget target = InferenceTarget.url(platform.inferenceUrl(LocalPlatform.DEMO_PIPELINE));
            AtomicLong calls = new AtomicLong();
            AtomicLong failures = new AtomicLong();
            long start = System.nanoTime();
            long end = start + Duration.ofSeconds(seconds).toNanos();
            List<Thread> workers = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                Thread t = new Thread(() -> {
                    while (System.nanoTime() < end) {
                        try {
                            wallaroo.pipelines().infer(target, InferenceInput.raw(body, InferenceInput.JSON));
                            calls.incrementAndGet();
                        } catch (RuntimeException e) {
                            failures.incrementAndGet();
                        }
                    }
                });
                t.start();
                workers.add(t);
            }
            for (Thread t : workers) {
                t.join();
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            long tokenCalls = platform.tokenRequests();
            // The provider treats a token as valid for lifetime - 1 s (Keycloak truncates iat to the
            // second) and renews 10 % of that (plus up to 10 % jitter of it) before expiry.
            double usable = lifetime > 2 ? lifetime - 1 : lifetime;
            double period = usable * 0.9;
            System.out.printf(Locale.ROOT, "| token lifetime | run | threads | inference calls | failed calls | token-endpoint calls "
                    + "| lifetimes elapsed + 1 | predicted by the refresh rule |%n|---:|---:|---:|---:|---:|---:|---:|---:|%n"
                    + "| %d s | %.1f s | %d | %,d | %d | %d | %d | %d |%n", lifetime, elapsed, threads, calls.get(), failures.get(),
                    tokenCalls, (long) (elapsed / lifetime) + 1, (long) (elapsed / period) + 1);
        }
    }
}

package io.infer4j.omegaml;

import io.infer4j.omegaml.internal.Decode;
import io.infer4j.omegaml.internal.OmegaContext;
import io.infer4j.omegaml.model.ScriptResult;
import io.infer4j.task.TaskHandle;
import java.util.Map;
import java.util.Objects;
import okhttp3.HttpUrl;

/**
 * Scripts ("lambdas"): {@code POST /api/v1/script/{name}/run}. The JSON payload is the script's
 * first argument; query parameters become keyword arguments. Obtain from
 * {@link OmegaClient#scripts()}; thread-safe.
 *
 * <pre>{@code
 * ScriptResult r = omega.scripts().run("helloworld", Map.of("foo", "bar"), Map.of("text", "foo"));
 * JsonNode value = r.result();
 * }</pre>
 */
public final class Scripts {
    private final OmegaContext ctx;

    Scripts(OmegaContext ctx) {
        this.ctx = ctx;
    }

    /** Runs the script with a JSON payload (a {@code Map}, {@code List}, {@code JsonNode}, ...). */
    public ScriptResult run(String name, Object payload) {
        return run(name, payload, Map.of());
    }

    /** Runs the script with a JSON payload and keyword arguments. */
    public ScriptResult run(String name, Object payload, Map<String, String> params) {
        return Decode.scriptResult(ctx.call("scripts.run", "POST", url(name, params), payload, false));
    }

    /** Runs the script as a server-side task. */
    public TaskHandle<ScriptResult> runAsync(String name, Object payload) {
        return runAsync(name, payload, Map.of());
    }

    /** Runs the script with keyword arguments as a server-side task. */
    public TaskHandle<ScriptResult> runAsync(String name, Object payload, Map<String, String> params) {
        return ctx.startAsync("scripts.run", "POST", url(name, params), payload, Decode::scriptResult);
    }

    private HttpUrl url(String name, Map<String, String> params) {
        return ctx.api("script").name(name).segment("run").query(Objects.requireNonNull(params, "params")).build(false);
    }
}

package io.infer4j.omegaml;

import io.infer4j.core.error.BadRequestException;
import io.infer4j.core.error.HttpErrorDetails;
import io.infer4j.core.error.NotFoundException;
import io.infer4j.omegaml.internal.Decode;
import io.infer4j.omegaml.internal.OmegaContext;
import io.infer4j.omegaml.model.ModelAction;
import io.infer4j.omegaml.model.ModelInfo;
import io.infer4j.omegaml.model.ModelInput;
import io.infer4j.omegaml.model.ModelResult;
import io.infer4j.omegaml.model.PipelineStep;
import io.infer4j.task.TaskHandle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;

/**
 * Stored models: create (commercial), metadata, and the actions {@code fit}, {@code partial_fit},
 * {@code predict}, {@code predict_proba}, {@code score}, {@code transform},
 * {@code decision_function} (or any other via {@link #action}), each also as an async task.
 * Obtain from {@link OmegaClient#models()}; thread-safe.
 *
 * <pre>{@code
 * ModelResult fitted = omega.models().fit("mymodel", ModelInput.datasets("datax", "datay"));
 * double[] yhat = omega.models().predict("mymodel", ModelInput.datasets("datax")).asDoubles();
 * TaskHandle<ModelResult> task = omega.models().predictAsync("mymodel", ModelInput.datasets("datax"));
 * }</pre>
 */
public final class Models {
    /** The actions whose server code reads only {@code ?datax}/{@code ?datay}, never the body. */
    private static final java.util.Set<ModelAction> READS_DATASETS_ONLY = java.util.Set.of(ModelAction.FIT,
            ModelAction.PARTIAL_FIT, ModelAction.PREDICT_PROBA, ModelAction.SCORE, ModelAction.TRANSFORM,
            ModelAction.DECISION_FUNCTION);

    private final OmegaContext ctx;

    Models(OmegaContext ctx) {
        this.ctx = ctx;
    }

    /**
     * Creates a model from a pipeline of estimator steps (commercial edition:
     * {@code POST /api/v1/model/} with {@code {"name", "pipeline": [["LinearRegression", {}]]}}).
     *
     * @throws io.infer4j.core.error.UnsupportedByServerException on the open-source server
     */
    public ModelInfo create(String name, List<PipelineStep> pipeline) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("model name must not be blank");
        }
        if (pipeline == null || pipeline.isEmpty()) {
            throw new IllegalArgumentException("pipeline must have at least one step");
        }
        List<Object> steps = new ArrayList<>();
        pipeline.forEach(s -> steps.add(List.of(s.estimator(), s.params())));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("pipeline", steps);
        HttpUrl url = ctx.api("model").build(true);
        return ctx.commercialOnly("models.create", () -> {
            ModelInfo info = Decode.modelInfo(ctx.call("models.create", "POST", url, body, false));
            return info != null ? info : new ModelInfo(name, null, null, null, null);
        });
    }

    /**
     * The model's metadata ({@code GET /api/v1/model/{name}/}).
     *
     * @throws NotFoundException the model does not exist (the open-source server says so with a
     *                           200 answer whose fields are all null; the exception then carries status 200)
     */
    public ModelInfo metadata(String name) {
        HttpUrl url = ctx.api("model").name(name).build(true);
        ModelInfo info = Decode.modelInfo(ctx.call("models.metadata", "GET", url, null, true));
        if (info == null) {
            throw new NotFoundException(new HttpErrorDetails(200, "GET", url.toString(), Map.of(), null, null,
                    "model '" + name + "' does not exist (the server answered with null fields)", null, ""));
        }
        return info;
    }

    /**
     * Runs {@code action} on model {@code name} and waits for the result.
     *
     * @throws NotFoundException the model does not exist (the open-source server answers 400
     *                           {@code ValueError('model ... does not exist')}; the exception keeps that status)
     */
    public ModelResult action(String name, ModelAction action, ModelInput input) {
        Call c = call(name, action, input);
        try {
            return Decode.modelResult(ctx.execute(ctx.op("models." + action, c.method, c.url, c.body,
                    io.infer4j.core.internal.Decoders.tree("models." + action + " response"))
                    .idempotent(!action.trains() && c.method.equals("GET")).build()));
        } catch (BadRequestException e) {
            throw isMissing(e) ? OmegaContext.notFound(e, "model '" + name + "'") : e;
        }
    }

    /**
     * Starts {@code action} as a server-side task ({@code ?async=1}). The handle's result is the
     * same {@link ModelResult} the synchronous call returns.
     *
     * @throws NotFoundException the model does not exist (as for {@link #action})
     */
    public TaskHandle<ModelResult> actionAsync(String name, ModelAction action, ModelInput input) {
        Call c = call(name, action, input);
        try {
            return ctx.startAsync("models." + action, c.method, c.url, c.body, Decode::modelResult);
        } catch (BadRequestException e) {
            throw isMissing(e) ? OmegaContext.notFound(e, "model '" + name + "'") : e;
        }
    }

    /**
     * The open-source server's 400 for an action on a model it does not have. Only a message that
     * names a model counts: a missing dataset ({@code ?datax}) fails with a 400 of its own.
     */
    private static boolean isMissing(BadRequestException e) {
        String said = OmegaContext.said(e);
        return said.contains("model ") && said.contains("does not exist");
    }

    /** {@code fit}: trains on {@code datax}/{@code datay}. */
    public ModelResult fit(String name, ModelInput input) {
        return action(name, ModelAction.FIT, input);
    }

    /** {@code partial_fit}. */
    public ModelResult partialFit(String name, ModelInput input) {
        return action(name, ModelAction.PARTIAL_FIT, input);
    }

    /** {@code predict}. */
    public ModelResult predict(String name, ModelInput input) {
        return action(name, ModelAction.PREDICT, input);
    }

    /** {@code predict_proba}. */
    public ModelResult predictProba(String name, ModelInput input) {
        return action(name, ModelAction.PREDICT_PROBA, input);
    }

    /** {@code score}; the result is a number ({@link ModelResult#asDouble()}). */
    public ModelResult score(String name, ModelInput input) {
        return action(name, ModelAction.SCORE, input);
    }

    /** {@code transform}. */
    public ModelResult transform(String name, ModelInput input) {
        return action(name, ModelAction.TRANSFORM, input);
    }

    /** {@code decision_function}. */
    public ModelResult decisionFunction(String name, ModelInput input) {
        return action(name, ModelAction.DECISION_FUNCTION, input);
    }

    /** {@code fit} as a task. */
    public TaskHandle<ModelResult> fitAsync(String name, ModelInput input) {
        return actionAsync(name, ModelAction.FIT, input);
    }

    /** {@code partial_fit} as a task. */
    public TaskHandle<ModelResult> partialFitAsync(String name, ModelInput input) {
        return actionAsync(name, ModelAction.PARTIAL_FIT, input);
    }

    /** {@code predict} as a task. */
    public TaskHandle<ModelResult> predictAsync(String name, ModelInput input) {
        return actionAsync(name, ModelAction.PREDICT, input);
    }

    /** {@code predict_proba} as a task. */
    public TaskHandle<ModelResult> predictProbaAsync(String name, ModelInput input) {
        return actionAsync(name, ModelAction.PREDICT_PROBA, input);
    }

    /** {@code score} as a task. */
    public TaskHandle<ModelResult> scoreAsync(String name, ModelInput input) {
        return actionAsync(name, ModelAction.SCORE, input);
    }

    /** {@code transform} as a task. */
    public TaskHandle<ModelResult> transformAsync(String name, ModelInput input) {
        return actionAsync(name, ModelAction.TRANSFORM, input);
    }

    /** {@code decision_function} as a task. */
    public TaskHandle<ModelResult> decisionFunctionAsync(String name, ModelInput input) {
        return actionAsync(name, ModelAction.DECISION_FUNCTION, input);
    }

    private record Call(String method, HttpUrl url, Object body) {
    }

    /**
     * PUT with a JSON body works for every action on the open-source server. The commercial guide
     * reads by dataset name with GET (which cannot carry a body) and trains with PUT.
     */
    private Call call(String name, ModelAction action, ModelInput input) {
        if (action == null || input == null) {
            throw new IllegalArgumentException("action and input must not be null");
        }
        if (input.table().isPresent() && READS_DATASETS_ONLY.contains(action)) {
            // The server would ignore the rows and fail for want of ?datax: say so before sending them.
            throw new IllegalArgumentException(action + " reads stored datasets only, not inline rows: write the table with"
                    + " datasets().put(name, table, mode) and pass ModelInput.datasets(name, ...)");
        }
        OmegaContext.Url u = ctx.api("model").name(name).segment(action.value());
        input.datax().ifPresent(x -> u.query("datax", x));
        input.datay().ifPresent(y -> u.query("datay", y));
        u.query(input.params());
        boolean get = ctx.commercial() && input.body().isEmpty() && !action.trains();
        return new Call(get ? "GET" : "PUT", u.build(false), get ? null : input.body().orElse(null));
    }
}
